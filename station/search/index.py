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

Every piece of a row carries its station, ``s12x停电`` for station 12, and a report's
``r12x`` (migration 0021): a station's search reads its own matches from the index and
nobody else's, and the matches of the cases that are not reports, which every user of the
station may open, are counted from the index alone, never from the cases (a rare word at a
million cases: 3.3 -> 0.1 ms). The break between two fields carries no station.
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


def piece_prefix(station_id: int, *, report: bool = False) -> str:
    """What each piece of a station's index rows begins with: ``s12x``, a report's ``r12x``."""
    return f"{'r' if report else 's'}{station_id}x"


def index_text(case: Case) -> str:
    """What the case's index row holds: each field's pieces in order, the fields apart; a
    report's pieces each once. Every piece carries the case's station."""
    if case.kind in CONFIDENTIAL_KINDS:
        from ..confidential.gate import index_words  # the gate builds on this module

        prefix = piece_prefix(case.station_id, report=True)
        return " ".join(prefix + word for word in dict.fromkeys(index_words(case)))
    return fields_text(
        piece_prefix(case.station_id),
        case.ref,
        case.person_name,
        case.person_phone,
        case.person_phone[-4:],  # people often give only the last four digits
        case.person_id_number,
        case.subject,
        case.content,
        case.summary,
    )


def fields_text(prefix: str, *fields: str | None) -> str:
    """The pieces of each field in order, each after ``prefix``, ``FIELD_BREAK`` between
    two fields that have any."""
    pieces = [" ".join(prefix + piece for piece in tokens(value)) for value in fields if value]
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


# What a query asks one kind of row for: runs, each of pieces side by side (a phrase);
# a row matches a group when it holds every run of it.
Group = list[list[str]]


def query_groups(query: str, station_id: int, blind: list[str] | None = None) -> list[Group]:
    """What ``query`` asks the station's index rows for: first the runs in the rows of the
    cases that are not reports; with ``blind`` (the query's hashed pieces, for a user who
    reads reports) also the runs in the reports' rows (their reference), or every blind
    piece there. No groups if the query has no pieces."""
    runs = query_pieces(query)
    if not runs:
        return []
    plain, report = piece_prefix(station_id), piece_prefix(station_id, report=True)
    groups = [_prefixed(runs, plain)]
    if blind is not None:
        groups.append(_prefixed(runs, report))
        if blind:
            groups.append([[report + piece] for piece in blind])
    return groups


def _prefixed(runs: list[list[str]], prefix: str) -> Group:
    return [[prefix + piece for piece in run] for run in runs]


def matches(groups: list[Group]) -> ColumnElement[bool] | None:
    """A condition on index rows: the row holds every run of one of ``groups`` as a
    phrase; None if no groups. It needs the index (``index_source``, ``joined_to_index``)."""
    if not groups:
        return None
    if db.engine.dialect.name == "sqlite":
        expression = " OR ".join(
            "(" + " AND ".join('"' + " ".join(map(_fts_word, run)) + '"' for run in group) + ")"
            for group in groups
        )
        return text("case_fts MATCH :match").bindparams(match=expression)
    # PostgreSQL's GIN index holds no positions: a phrase (<->) would be rechecked on every
    # candidate by computing its tsvector again (0.2 ms a row). The index answers "every
    # piece" exactly, and the row's own text the order (_held_in_row), in microseconds.
    tsquery = func.to_tsquery(
        "simple",
        " | ".join(
            "(" + " & ".join(_pg_quote(p) for run in group for p in run) + ")" for group in groups
        ),
    )
    in_index = _TSV.op("@@")(tsquery)
    if all(len(run) == 1 for group in groups for run in group):
        return in_index
    return and_(in_index, _held_in_row(groups))


def holds_pieces(groups: list[Group]) -> ColumnElement[bool] | None:
    """The condition of ``matches`` read from each case's own row instead of the index: the
    pieces of each run side by side in its text (a phrase). For a walk through a station's
    cases in a list's order when many match (finder.py), where each case costs a few
    microseconds, not a probe of the index (SQLite)."""
    if not groups:
        return None
    return exists().where(CaseSearch.case_id == Case.id, _held_in_row(groups))


def _held_in_row(groups: list[Group]) -> ColumnElement[bool]:
    """Every run of one of the groups, its pieces side by side, in the row's text."""
    padded = " " + CaseSearch.tokens + " "
    find = func.instr if db.engine.dialect.name == "sqlite" else func.strpos
    return or_(
        *(and_(*(find(padded, f" {' '.join(run)} ") > 0 for run in group)) for group in groups)
    )


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
