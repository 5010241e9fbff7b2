"""Turning what someone typed into the search box into a list of cases.

A reference number (2026-0001) is looked up exactly; a phone number typed with
spaces or dashes is searched by its digits; everything else goes to the search
index (``station.search.index``), so that a Chinese query of two characters or
more is answered by FTS5 or the GIN index rather than a scan, a run of three or
more as a phrase. A lone Chinese character has no pair to look up: it is matched
with LIKE (a scan, which the issue allows for one-character queries).

The index finds a report by the hashes of its pieces, which have no order; for a
run of three characters or more a report so found is a candidate, and the gate
opens it to check (gate.reports_holding), only as many as the page and the count
need (cases.table.Listing).
"""

import re
from functools import partial

from sqlalchemy import ColumnElement, Select, or_, select

from ..cases.listing import newest_first
from ..cases.models import Case
from ..cases.table import Listing
from ..confidential import gate
from ..extensions import db
from .index import CJK, holds_pieces, index_source, joined_to_index, matches, query_pieces
from .models import CaseSearch

MAX_LENGTH = 100
_CJK_RUN = re.compile(rf"[{CJK}]+")
_REF = re.compile(r"(JB)?\d{4}-\d{3,}", re.IGNORECASE)
_PHONE = re.compile(r"\+?[\d][\d\s()-]*")
# The fields the index holds (search.index_case), which a lone character is looked for in.
TEXT_FIELDS = (
    Case.ref,
    Case.person_name,
    Case.person_phone,
    Case.person_id_number,
    Case.subject,
    Case.content,
    Case.summary,
)


class NothingToSearch(ValueError):
    """The query holds no letters, digits or Chinese characters to look for."""


def phone_digits(query: str) -> str | None:
    """The digits of a phone number typed with spaces, dashes or brackets, else None."""
    if not _PHONE.fullmatch(query):
        return None
    digits = re.sub(r"\D", "", query)
    return digits if len(digits) >= 4 else None


def cases_matching(query: str, base: Select, *, reports: bool = False) -> Listing:
    """``base`` (a select of Case) narrowed to the cases matching ``query``, newest first;
    with ``reports``, reports are looked up by their blind index too (only for a user whom
    the confidentiality gate lets read them: ``base`` comes narrowed by it)."""
    query = " ".join(query.split())
    if _REF.fullmatch(query):
        return Listing(base.where(Case.ref == query.upper()))
    query = phone_digits(query) or query
    lone = [run for run in _CJK_RUN.findall(query) if len(run) == 1]
    rest = _CJK_RUN.sub(lambda m: " " if len(m.group()) == 1 else m.group(), query)
    blind = _blind(rest) if reports else None
    condition = matches(rest, blind)
    if condition is None and not lone:
        raise NothingToSearch(query)
    narrowed = base
    for char in lone:
        narrowed = narrowed.where(or_(*(f.contains(char, autoescape=True) for f in TEXT_FIELDS)))
    if condition is None:
        return Listing(newest_first(narrowed))
    source, case_id = index_source()
    matched = select(case_id).select_from(source).where(condition)
    rows = narrowed.where(Case.id.in_(matched))
    counted = joined_to_index(narrowed).where(condition)
    long_runs = [run for run in _CJK_RUN.findall(query) if len(run) >= 3]
    confirm = partial(gate.reports_holding, runs=long_runs) if reports and long_runs else None
    many = probe = None
    if db.engine.dialect.name == "sqlite":
        # Past the limit, the first page is found sooner by walking the cases in the list's
        # order than by reading every match from the index to sort them.
        many = newest_first(narrowed.where(holds_pieces(rest, blind)))
    else:
        # PostgreSQL walks past the limit on its own (many), but it also walked the
        # station's history for a rare word (13,000 cases to find 26 of 1,000 matches at a
        # million): under the count's limit the matches are read first, OFFSET 0 keeping
        # the subquery whole for the planner, and sorted.
        many = newest_first(rows)
        rows = narrowed.where(Case.id.in_(matched.offset(0)))
        if sum(map(len, query_pieces(rest))) > 1:
            sure = narrowed if confirm is None else gate.without_reports(narrowed)
            probe = _newest_matching(sure, condition)
    return Listing(newest_first(rows), counted, confirm, many, probe)


# How many of a list's newest cases the probe reads (below): a phrase found in a quarter
# of them passes the count's limit without its bitmap.
PROBE_CASES = 4000


def _newest_matching(cases: Select, condition: ColumnElement[bool]) -> Select:
    """The ids of ``cases``' newest PROBE_CASES that match ``condition``. PostgreSQL
    estimates a phrase's pieces as independent, so it counts a common phrase through a
    bitmap of every match, which cannot stop at the count's limit (服务态度: 379,000 rows,
    140 ms at a million); a common phrase passes the limit among the newest cases alone."""
    newest = newest_first(cases).with_only_columns(Case.id).limit(PROBE_CASES).subquery()
    return select(newest.c.id).join(CaseSearch, CaseSearch.case_id == newest.c.id).where(condition)


def _blind(text: str) -> list[str]:
    return gate.blind_tokens(text)
