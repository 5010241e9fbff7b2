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

from flask_login import current_user
from sqlalchemy import ColumnElement, Select, or_, select, true

from ..cases.listing import newest_first
from ..cases.models import Case
from ..cases.queries import visible_cases
from ..cases.table import Listing
from ..confidential import gate
from ..extensions import db
from .index import (
    CJK,
    Group,
    holds_pieces,
    index_source,
    joined_to_index,
    matches,
    query_groups,
)
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


def cases_matching(query: str) -> Listing:
    """The cases of the user's station that the user may open (queries.visible_cases)
    matching ``query``, newest first; reports are looked up by their blind index too, for a
    user whom the confidentiality gate lets read them."""
    query = " ".join(query.split())
    base = visible_cases()
    if _REF.fullmatch(query):
        return Listing(base.where(Case.ref == query.upper()))
    query = phone_digits(query) or query
    lone = [run for run in _CJK_RUN.findall(query) if len(run) == 1]
    rest = _CJK_RUN.sub(lambda m: " " if len(m.group()) == 1 else m.group(), query)
    reports = gate.reads_reports(current_user)
    groups = query_groups(rest, current_user.station_id, _blind(rest) if reports else None)
    if not groups and not lone:
        raise NothingToSearch(query)
    narrowed = base
    for char in lone:
        narrowed = narrowed.where(or_(*(f.contains(char, autoescape=True) for f in TEXT_FIELDS)))
    if not groups:
        return Listing(newest_first(narrowed))
    condition = matches(groups)
    source, case_id = index_source()
    matched = select(case_id).select_from(source).where(condition)
    rows = narrowed.where(Case.id.in_(matched))
    long_runs = [run for run in _CJK_RUN.findall(query) if len(run) >= 3]
    confirm = partial(gate.reports_holding, runs=long_runs) if reports and long_runs else None
    counted, plain_ids = _counting(narrowed, groups, lone)
    many = probe = walk_from = None
    if db.engine.dialect.name == "sqlite":
        # Past the limit, the first page is found sooner by walking the cases in the list's
        # order than by reading every match from the index to sort them; not while the
        # matches are few enough that the walk would pass many cases for each one.
        many = newest_first(narrowed.where(holds_pieces(groups)))
        walk_from = WALK_FROM
    else:
        # PostgreSQL walks past the limit on its own (many), but it also walked the
        # station's history for a rare word (13,000 cases to find 26 of 1,000 matches at a
        # million): under the count's limit the matches are read first, OFFSET 0 keeping
        # the subquery whole for the planner, and sorted.
        many = newest_first(rows)
        rows = narrowed.where(Case.id.in_(matched.offset(0)))
        sure = narrowed if confirm is None else gate.without_reports(narrowed)
        probe = _newest_matching(sure, condition)
    return Listing(newest_first(rows), counted, confirm, many, probe, plain_ids, walk_from)


def _counting(
    narrowed: Select, groups: list[Group], lone: list[str]
) -> tuple[Select | None, Select | None]:
    """How the search is counted: (the cases to count, None), or, when the index alone
    answers for the cases that are not reports, (the reports to count, or None when the
    user reads none, and the ids of the others from the index). Every case of the station
    that is not a report is one the user may open, and the index's pieces carry their
    station (index.py), so those are counted without reading a case; not when a lone
    character, which the index does not hold, narrows the cases."""
    if lone:
        return joined_to_index(narrowed).where(matches(groups)), None
    source, case_id = index_source()
    plain_ids = select(case_id).select_from(source).where(matches(groups[:1]))
    if len(groups) == 1:
        return None, plain_ids
    return joined_to_index(gate.reports_only(narrowed)).where(matches(groups[1:])), plain_ids


# SQLite: up to how many matches (of the cases that are not reports) the page's rows are
# read from the index, past the count's limit, before it walks the station's newest cases
# instead. A word with 1,001 matches among a station's 485,000 cases walked 12,000 of them
# (84 ms, each row's text searched); read from the index and sorted, 9 ms. The walk costs
# what the cases between two matches cost, the sort what the matches cost: they meet at
# about 6,000 matches there.
WALK_FROM = 4000


# How many of a list's newest cases the probe reads (below): a phrase found in a quarter
# of them passes the count's limit without its bitmap.
PROBE_CASES = 4000


def _newest_matching(cases: Select, condition: ColumnElement[bool]) -> Select:
    """The ids of ``cases``' newest PROBE_CASES that match ``condition``. PostgreSQL
    estimates a phrase's pieces as independent, so it counts a common phrase through a
    bitmap of every match, which cannot stop at the count's limit (服务态度: 379,000 rows,
    140 ms at a million); a common phrase passes the limit among the newest cases alone.
    Each case's row is looked up on its own (a LATERAL subquery with a LIMIT, which the
    planner cannot make a join of): with the pieces carrying their station, the estimate
    fell to 4,200 of 190,000, and the planner hashed every match (1.4 s)."""
    newest = newest_first(cases).with_only_columns(Case.id).limit(PROBE_CASES).subquery()
    held = (
        select(CaseSearch.case_id)
        .where(CaseSearch.case_id == newest.c.id, condition)
        .limit(1)
        .lateral()
    )
    return select(newest.c.id).join(held, true())


def _blind(text: str) -> list[str]:
    return gate.blind_tokens(text)
