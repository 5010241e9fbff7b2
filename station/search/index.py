"""Finding cases by reference, name, phone or any words of subject and content.

Chinese has no spaces between words, so the text is cut into overlapping
two-character pieces (bigrams) and other text into lower-case words; a query
is cut the same way and every piece must match. The pieces live in
``case_search.tokens``, indexed by FTS5 on SQLite and by a GIN index on
``to_tsvector('simple', tokens)`` on PostgreSQL (migration 0002), so a query of
two Chinese characters or more is answered from the index, not by a scan.
"""

import re

from sqlalchemy import Select, func, select, text

from ..cases.models import Case
from ..extensions import db
from ..rules.vocab import CONFIDENTIAL_KINDS
from .models import CaseSearch

# The Chinese characters (CJK ideographs and their extension A, and the compatibility block),
# the one definition that the tokens and the finder's checks share.
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{CJK}]+|[0-9a-z]+")


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
    """What the case's index row holds: its pieces, each once, in the order they come."""
    return " ".join(dict.fromkeys(_words(case)))


def _words(case: Case) -> list[str]:
    if case.kind in CONFIDENTIAL_KINDS:
        from ..confidential.gate import index_words  # the gate builds on this module

        return index_words(case)
    return tokens(
        case.ref,
        case.person_name,
        case.person_phone,
        case.person_phone[-4:],  # people often give only the last four digits
        case.person_id_number,
        case.subject,
        case.content,
        case.summary,
    )


def index_new_case(case: Case, **_: object) -> None:
    """The ``cases.signals.case_registered`` receiver."""
    index_case(case)


def matching_ids(query: str, blind: list[str] | None = None) -> Select | None:
    """A select of the case ids whose index holds every piece of ``query``, or every one of
    ``blind`` (a report's hashed pieces of the same query); None if no pieces."""
    pieces = list(dict.fromkeys(tokens(query)))
    if not pieces:
        return None
    groups = [pieces, blind] if blind else [pieces]
    if db.engine.dialect.name == "sqlite":
        match = " OR ".join(
            "(" + " AND ".join('"' + p.replace('"', "") + '"' for p in group) + ")"
            for group in groups
        )
        return (
            select(text("rowid"))
            .select_from(text("case_fts"))
            .where(text("case_fts MATCH :match").bindparams(match=match))
        )
    tsquery = func.to_tsquery(
        "simple",
        " | ".join("(" + " & ".join(_pg_quote(p) for p in group) + ")" for group in groups),
    )
    return select(CaseSearch.case_id).where(
        func.to_tsvector("simple", CaseSearch.tokens).op("@@")(tsquery)
    )


def _pg_quote(piece: str) -> str:
    return "'" + piece.replace("'", "") + "'"
