"""Finding cases by reference, name, phone or any words of subject and content.

Chinese has no spaces between words, so the text is cut into overlapping
two-character pieces (bigrams) and other text into lower-case words; a query
is cut the same way. The pieces live in ``case_search.tokens`` in the order the
text has them, field after field with ``FIELD_BREAK`` between two fields, indexed by
FTS5 on SQLite and by a GIN index on PostgreSQL (migration 0002; in order, and on
PostgreSQL a stored tsvector column ``tsv``, since migration 0016). A Chinese run of the
query is looked up as a phrase, its bigrams next to each other (FTS5 ``"服务 务态 态度"``;
on PostgreSQL every piece from the index, their order from the row's text), so that
"服务态度" finds the four characters in a row, in one field.

A report's row holds keyed hashes of its pieces instead (the confidentiality gate's
blind index), each once and in no order: positions would tell how its words repeat.
For a run of three characters or more a report found by its hashes is a candidate,
which the gate opens to check (finder.py).
"""

import re
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    exists,
    func,
    literal_column,
    or_,
    table,
    text,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.selectable import Join

from ..cases.models import Case
from ..extensions import db
from ..rules.vocab import CONFIDENTIAL_KINDS
from .models import CaseSearch

# The Chinese characters (CJK ideographs and their extension A, and the compatibility block),
# the one definition that the tokens and the finder's checks share.
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{CJK}]+|[0-9a-z]+")
# Between two fields in the index, so that a phrase never runs from one field into the
# next: a word that the query side never looks for.
FIELD_BREAK = "zfieldz"


def tokens(*texts: str) -> list[str]:
    """The index pieces of some text: CJK bigrams (a lone character as itself) and words."""
    out: list[str] = []
    for run in _RUNS.findall(" ".join(texts).lower()):
        if run[0].isascii() or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def index_case(case: Case) -> None:
    """Write (or rewrite) the case's index row; call after the case has its id. A report's
    row holds only keyed hashes of its words, from the confidentiality gate."""
    words = index_text(case)
    row = db.session.get(CaseSearch, case.id)
    if row is None:
        db.session.add(CaseSearch(case_id=case.id, station_id=case.station_id, tokens=words))
    elif row.tokens != words:
        row.tokens = words


def index_text(case: Case) -> str:
    """What the case's index row holds: each field's pieces in order, the fields apart; a
    report's pieces each once."""
    if case.kind in CONFIDENTIAL_KINDS:
        from ..confidential.gate import index_words  # the gate builds on this module

        return " ".join(dict.fromkeys(index_words(case)))
    return fields_text(
        case.ref,
        case.person_name,
        case.person_phone,
        case.person_phone[-4:],  # people often give only the last four digits
        case.person_id_number,
        case.subject,
        case.content,
        case.summary,
    )


def fields_text(*fields: str | None) -> str:
    """The pieces of each field in order, ``FIELD_BREAK`` between two fields that have any."""
    pieces = [" ".join(tokens(value)) for value in fields if value]
    return f" {FIELD_BREAK} ".join(p for p in pieces if p)


def index_new_case(case: Case, **_: object) -> None:
    """The ``cases.signals.case_registered`` receiver."""
    index_case(case)


def query_pieces(query: str) -> list[list[str]]:
    """What a query asks the index for: each run (a word, or a Chinese run as its bigrams
    in order), once; a lone Chinese character has no piece (finder.py looks it up)."""
    runs = []
    for run in dict.fromkeys(_RUNS.findall(query.lower())):
        if run == FIELD_BREAK or (not run[0].isascii() and len(run) == 1):
            continue
        runs.append(tokens(run))
    return runs


def matches(query: str, blind: list[str] | None = None) -> ColumnElement[bool] | None:
    """A condition on cases: the index holds every run of ``query`` as a phrase, or every
    one of ``blind`` (a report's hashed pieces of the same query); None if no pieces. It
    needs the index joined (``index_source``, ``joined_to_index``)."""
    runs = query_pieces(query)
    if not runs:
        return None
    if db.engine.dialect.name == "sqlite":
        plain = " AND ".join('"' + " ".join(_fts_word(p) for p in run) + '"' for run in runs)
        groups = [plain] + ([" AND ".join(f'"{_fts_word(p)}"' for p in blind)] if blind else [])
        expression = " OR ".join(f"({g})" for g in groups)
        return text("case_fts MATCH :match").bindparams(match=expression)
    # PostgreSQL's GIN index holds no positions: a phrase (<->) would be rechecked on every
    # candidate by computing its tsvector again (0.2 ms a row). The index answers "every
    # piece" exactly, and the row's own text the order (_held_in_row), in microseconds.
    pieces = [p for run in runs for p in run]
    groups = [pieces] + ([blind] if blind else [])
    tsquery = func.to_tsquery(
        "simple", " | ".join("(" + " & ".join(_pg_quote(p) for p in g) + ")" for g in groups)
    )
    in_index = _TSV.op("@@")(tsquery)
    if all(len(run) == 1 for run in runs):
        return in_index
    return and_(in_index, _held_in_row(runs, blind))


def holds_pieces(query: str, blind: list[str] | None = None) -> ColumnElement[bool] | None:
    """The condition of ``matches`` read from each case's own row instead of the index: the
    pieces of each run side by side in its text (a phrase), or every blind piece. For a
    walk through a station's cases in a list's order when many match (finder.py), where
    each case costs a few microseconds, not a probe of the index (SQLite)."""
    runs = query_pieces(query)
    if not runs:
        return None
    return exists().where(CaseSearch.case_id == Case.id, _held_in_row(runs, blind))


def _held_in_row(runs: list[list[str]], blind: list[str] | None) -> ColumnElement[bool]:
    """Each run's pieces side by side in the row's text, or every blind piece in it."""
    padded = " " + CaseSearch.tokens + " "
    find = func.instr if db.engine.dialect.name == "sqlite" else func.strpos
    plain = and_(*(find(padded, f" {' '.join(run)} ") > 0 for run in runs))
    return or_(plain, and_(*(find(padded, f" {p} ") > 0 for p in blind))) if blind else plain


class _IndexFirst(Join):
    """A join of the index to cases that SQLite reads index first (its CROSS JOIN): its
    planner would otherwise walk a station's cases and probe the index for each."""

    inherit_cache = True


@compiles(_IndexFirst, "sqlite")
def _cross_join(join: _IndexFirst, compiler: Any, **kw: Any) -> str:
    kw["asfrom"] = True
    left = join.left._compiler_dispatch(compiler, **kw)
    right = join.right._compiler_dispatch(compiler, **kw)
    return f"{left} CROSS JOIN {right} ON {join.onclause._compiler_dispatch(compiler, **kw)}"


def joined_to_index(cases: Select) -> Select:
    """``cases`` (a select of Case) read through the index, for ``matches``: counted from the
    index's side, a count stops at its limit whatever the size of the station."""
    source, case_id = index_source()
    return cases.select_from(_IndexFirst(source, Case.__table__, case_id == Case.id))


def index_source() -> tuple[Any, ColumnElement[int]]:
    """What ``matches`` reads, and its column of case ids."""
    if db.engine.dialect.name == "sqlite":
        return _FTS, _FTS.c.rowid
    return CaseSearch.__table__, CaseSearch.case_id


_FTS = table("case_fts", column("rowid"))  # the FTS5 table, which no model declares
# PostgreSQL's generated column of each row's tsvector (migration 0016), which no model
# declares either: SQLite has no such column.
_TSV = literal_column("case_search.tsv")


def _fts_word(piece: str) -> str:
    return piece.replace('"', "")


def _pg_quote(piece: str) -> str:
    return "'" + piece.replace("'", "").replace("\\", "") + "'"
