"""Turning what someone typed into the search box into a query of cases.

A reference number (2026-0001) is looked up exactly; a phone number typed with
spaces or dashes is searched by its digits; everything else goes to the search
index (``station.search.index``), so that a Chinese query of two characters or
more is answered by FTS5 or the GIN index rather than a scan. The index matches
overlapping character pairs, so "王小明" also finds "王小" … "小明" apart: for
a Chinese run of three characters or more the candidates are checked for the
run itself. A lone Chinese character has no pair to look up: it is matched with
LIKE (a scan, which the issue allows for one-character queries).
"""

import re

from sqlalchemy import Select, or_

from ..cases.listing import newest_first
from ..cases.models import Case
from ..extensions import db
from ..rules.vocab import CONFIDENTIAL_KINDS
from .index import CJK, matching_ids

MAX_LENGTH = 100
_CJK_RUN = re.compile(rf"[{CJK}]+")
_REF = re.compile(r"(JB)?\d{4}-\d{3,}", re.IGNORECASE)
_PHONE = re.compile(r"\+?[\d][\d\s()-]*")
# The fields the index holds (search.index_case), which the checks below look at too.
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


def cases_matching(query: str, base: Select, *, reports: bool = False) -> Select:
    """``base`` (a select of Case) narrowed to the cases matching ``query``, newest first;
    with ``reports``, reports are looked up by their blind index too (only for a user whom
    the confidentiality gate lets read them: ``base`` comes narrowed by it)."""
    query = " ".join(query.split())
    if _REF.fullmatch(query):
        return base.where(Case.ref == query.upper())
    query = phone_digits(query) or query
    lone = [run for run in _CJK_RUN.findall(query) if len(run) == 1]
    rest = _CJK_RUN.sub(lambda m: " " if len(m.group()) == 1 else m.group(), query)
    ids = matching_ids(rest, _blind(rest) if reports else None)
    if ids is None and not lone:
        raise NothingToSearch(query)
    narrowed = base
    if ids is not None:
        narrowed = narrowed.where(Case.id.in_(ids))
    for char in lone:
        narrowed = narrowed.where(or_(*(f.contains(char, autoescape=True) for f in TEXT_FIELDS)))
    long_runs = [run for run in _CJK_RUN.findall(query) if len(run) >= 3]
    if long_runs:
        narrowed = base.where(Case.id.in_(_really_containing(narrowed, long_runs)))
    return newest_first(narrowed)


def _blind(text: str) -> list[str]:
    from ..confidential.gate import blind_tokens  # the gate builds on the search index

    return blind_tokens(text)


def _really_containing(candidates: Select, runs: list[str]) -> list[int]:
    """The ids among ``candidates`` holding each run whole in one of the indexed fields
    (a report's in its sealed words, which only the gate opens: only its candidates)."""
    rows = db.session.execute(
        candidates.with_only_columns(Case.id, Case.kind, *TEXT_FIELDS).order_by(None)
    ).all()
    return [row[0] for row in rows if all(_holds(row, run) for run in runs)]


def _holds(row, run: str) -> bool:
    if row[1] in CONFIDENTIAL_KINDS:
        from ..confidential.gate import report_holds

        return report_holds(row[0], run)
    return any(run in (value or "") for value in row[2:])
