"""The confidentiality gate: the one place that decides who reads a report, and that
decrypts, masks, excludes and logs (docs/domain.md "Confidentiality",
docs/threat-model.md).

Outside this module a report is a row with a reference, a state and due dates:
its words are sealed (``sealing``) and its columns blank. Lists, search and the
home panel narrow their queries with ``narrow``; a case page asks ``may_open``
and then ``open_report``, which puts the words back into the objects of this
request's session only, masked where the reader may not see who reported.
"""

import json
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any

from flask import g, has_app_context, has_request_context, request
from sqlalchemy import ColumnElement, Select, event, exists, func, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..cases.models import Case
from ..cases.permissions import HEAD_ONLY, NOT_THE_HEAD, can_open, may
from ..extensions import db
from ..models import User, UserRole
from ..rules import roles as R
from ..rules.vocab import CONFIDENTIAL_KINDS
from ..search.index import tokens
from ..timeutil import utcnow
from . import log, mask, sealing
from .keyring import current_keys
from .keys import Keys
from .models import Disclosure, Exclusion, Sealed
from .sealing import OWNER_MODEL, PROTECTED, context, write

READERS = (R.HEAD, R.INSPECTOR)
# The actions whose permission depends on who takes the head's part (permissions.may).
HEAD_PART = HEAD_ONLY | NOT_THE_HEAD
_OPENED = "station.opened_reports"


def is_report(case: Any) -> bool:
    return case.kind in CONFIDENTIAL_KINDS


def reads_reports(user: Any) -> bool:
    """Whether the user's roles read reports at all (exclusion aside)."""
    return user.has_role(*READERS)


def sees_identity_by_role(user: Any) -> bool:
    """Inspectors, the confidentiality officers, see who reported; heads see it masked."""
    return user.has_role(R.INSPECTOR)


def _keys():
    return current_keys(db.session.connection())


def user_mac(user_id: int) -> str:
    return _user_mac(_keys(), user_id)


@lru_cache(maxsize=256)
def _user_mac(keys: Keys, user_id: int) -> str:
    return keys.mac("user", str(user_id))


def _excluded_clause(user: Any) -> ColumnElement[bool]:
    return _excluded_for(_keys(), user.id)


@lru_cache(maxsize=256)
def _excluded_for(keys: Keys, user_id: int) -> ColumnElement[bool]:
    # Every list a reader opens asks it: the MAC and the clause are built once per key and
    # user (a clause holds no state of a statement; each statement that takes it compiles
    # its own correlation).
    mac = _user_mac(keys, user_id)
    return exists().where(Exclusion.case_id == Case.id, Exclusion.user_mac == mac)


def narrow(query: Select, user: Any) -> Select:
    """``query`` (of Case) without the reports ``user`` may not see: all of them for a role
    that does not read reports, and those naming the user as a person reported."""
    return query.where(readable(user))


def readable(user: Any | None) -> ColumnElement[bool]:
    """True for a case ``user`` may see as a row: ``narrow``'s condition, or with
    ``user=None`` (the county) that of ``without_reports``. Selected as a column where one
    statement reads both the rows shown and those only counted (the summary's still-open
    cases: a second statement for the ids read the station's open cases again)."""
    not_a_report = Case.kind.not_in(CONFIDENTIAL_KINDS)
    if user is None or not reads_reports(user):
        return not_a_report
    return or_(not_a_report, ~_excluded_clause(user))


def counted(user: Any | None) -> ColumnElement[bool]:
    """True for a case ``user`` counts: those it may see (``readable``) and those of
    ``counted_unread``. Every case for the county and for a role that does not read
    reports; for a reader, a report naming them is in no count of theirs either."""
    if user is None or not reads_reports(user):
        return true()
    return readable(user)


def without_reports(query: Select) -> Select:
    """``query`` (of Case) with no report at all: the office's wall board, which anyone in
    the room reads (docs/domain.md "The overdue board")."""
    return query.where(Case.kind.not_in(CONFIDENTIAL_KINDS))


def counted_unread(query: Select, user: Any) -> Select | None:
    """The reports among ``query`` that ``user`` may count on the overdue board but not see
    as rows: every report, for a role that does not read them (a clerk). None for a reader:
    a report naming them stays out of their counts as well, or the count would tell them
    that they are named. The caller counts the rows and shows nothing of them."""
    if reads_reports(user):
        return None
    return query.where(Case.kind.in_(CONFIDENTIAL_KINDS))


def reports_only(query: Select) -> Select:
    """The reports among ``query``, to be counted and never shown: a month's summary as the
    county receives it (docs/domain.md "The monthly summary")."""
    return query.where(Case.kind.in_(CONFIDENTIAL_KINDS))


def is_excluded(user: Any, case_id: int) -> bool:
    known = _known_exclusions().get(user.id)
    if known is not None and case_id in known[0]:
        return case_id in known[1]
    return (
        db.session.scalar(
            select(Exclusion.case_id).where(
                Exclusion.case_id == case_id, Exclusion.user_mac == user_mac(user.id)
            )
        )
        is not None
    )


def look_up_exclusions(user: Any, cases: Iterable[Any]) -> None:
    """Whether ``user`` is excluded from each report among ``cases``, looked up at once for
    the request (a list's rows, which ask may_open one by one): one statement a list,
    with or without reports in it, instead of one a report."""
    ids = {c.id for c in cases if is_report(c)}
    found = set(
        db.session.scalars(
            select(Exclusion.case_id).where(
                Exclusion.case_id.in_(ids), Exclusion.user_mac == user_mac(user.id)
            )
        )
    )
    checked, excluded = _known_exclusions().setdefault(user.id, (set(), set()))
    checked.update(ids)
    excluded.update(found)


def _known_exclusions() -> dict[int, tuple[set[int], set[int]]]:
    """For this request: per user, the reports looked up and those excluding the user."""
    if not has_app_context():
        return {}
    return g.setdefault("station_exclusions", {})


def may_open(user: Any, case: Any) -> bool:
    """Whether ``user`` may open ``case``: the case rules, and for a report not excluded."""
    if not can_open(user, case):
        return False
    return not is_report(case) or not is_excluded(user, case.id)


def excluded_user_ids(case: Any, user_ids: Iterable[int]) -> set[int]:
    """Which of ``user_ids`` are persons reported in ``case`` (for assignee and approver
    choices): the hashes are compared here, the ids never stored."""
    if not is_report(case):
        return set()
    stored = set(db.session.scalars(select(Exclusion.user_mac).where(Exclusion.case_id == case.id)))
    return {uid for uid in user_ids if user_mac(uid) in stored}


def exclude(case: Case, user_ids: Iterable[int]) -> None:
    for uid in dict.fromkeys(user_ids):
        db.session.add(Exclusion(case_id=case.id, user_mac=user_mac(uid)))


# ---------------------------------------------------------------- conflicts of interest


def record_persons_reported(case: Case, persons: list[dict[str, Any]]) -> None:
    """Seal the persons a new report names (name, unit, user_id or None) with its words,
    and exclude those who are users. Call after ``cases.service.register``, which flushed
    the case: its sealed row is there to add them to."""
    if not is_report(case) or not persons:
        return
    write(db.session.connection(), "case", case.id, case.id, {"persons_reported": persons})
    exclude(case, [p["user_id"] for p in persons if p.get("user_id")])


def persons_reported(case: Case) -> list[dict[str, Any]]:
    """The persons the report names, for those who opened it (sealed like its words)."""
    if not is_report(case):
        return []
    return sealed_case_values(case.id).get("persons_reported", [])


def _active_ids(station_id: int | None, role: str) -> list[int]:
    return list(
        db.session.scalars(
            select(User.id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(User.station_id == station_id, User.active.is_(True), UserRole.role == role)
        )
    )


def head_excluded(case: Any) -> bool:
    """Whether a report names an active head of its station: its inspector then decides on
    it in the head's stead, and a county-level inspector approves what the head would."""
    if not is_report(case):
        return False
    return bool(excluded_user_ids(case, _active_ids(case.station_id, R.HEAD)))


def in_head_stead(user: Any, case: Any) -> bool:
    """Whether ``user`` is the station's inspector deciding a report whose head is excluded."""
    return (
        is_report(case)
        and user.has_role(R.INSPECTOR)
        and not user.has_role(R.HEAD)
        and head_excluded(case)
    )


def may_act(user: Any, action: str, case: Any) -> bool:
    """``permissions.may`` with the facts only the gate knows: an excluded user takes no
    action, and the inspector takes the head's where the head is excluded."""
    if not may_open(user, case):
        return False
    stead = action in HEAD_PART and in_head_stead(user, case)
    return may(user, action, case, in_head_stead=stead)


def county_inspector_ids() -> list[int]:
    """The county-level inspectors (县纪委): county users who also hold the inspector role."""
    inspectors = set(_active_ids(None, R.INSPECTOR))
    return [uid for uid in _active_ids(None, R.COUNTY) if uid in inspectors]


def approvers_for(case: Any, requester: Any = None, station_role: str = R.INSPECTOR) -> list[User]:
    """Who may approve a request on this report: a disclosure its station's inspectors, a
    referral (``station_role`` head) its station's heads; the county-level inspectors instead
    where its head is excluded. Never a person reported, never the requester. Empty: the
    request waits (docs/domain.md)."""
    if not is_report(case):
        return []
    if head_excluded(case):
        candidates = county_inspector_ids()
    else:
        candidates = _active_ids(case.station_id, station_role)
    excluded = excluded_user_ids(case, candidates)
    requester_id = getattr(requester, "id", requester)
    ids = [uid for uid in candidates if uid not in excluded and uid != requester_id]
    if not ids:
        return []
    users = db.session.scalars(select(User).where(User.id.in_(ids)))
    return sorted(users, key=lambda u: (u.display_name, u.id))


def is_county_inspector(user: Any) -> bool:
    """A county-level inspector: of no station, with exactly the county and inspector roles."""
    return user.station_id is None and R.is_county_inspector(user.roles)


def may_open_as_county_inspector(user: Any, case: Any) -> bool:
    """Whether a county-level inspector may open ``case``: only a report naming its station's
    head, which they decide on in the head's stead, and never one naming them."""
    return is_county_inspector(user) and head_excluded(case) and not is_excluded(user, case.id)


# ---------------------------------------------------------------- identity


def identity_disclosed(user: Any, case: Any, now: datetime | None = None) -> bool:
    """An inspector sees who reported; a head only through an approved, unexpired request."""
    if sees_identity_by_role(user):
        return True
    now = now or utcnow()
    return (
        db.session.scalar(
            select(Disclosure.id).where(
                Disclosure.case_id == case.id,
                Disclosure.requested_by_id == user.id,
                Disclosure.state == "approved",
                Disclosure.expires_at > now,
            )
        )
        is not None
    )


# ---------------------------------------------------------------- opening


def open_report(case: Case, user: Any, action: str = "view") -> None:
    """Give this request's objects of ``case`` their words, masked unless the user sees
    who reported, and log it. Call only after ``may_open``; a non-report is left alone."""
    if not is_report(case):
        return
    opened = db.session.info.setdefault(_OPENED, {})
    show_identity = identity_disclosed(user, case)
    for owner, owner_id, values in _unsealed(case.id):
        if owner == "case" and not show_identity:
            values = mask.masked(values)
        opened[(owner, owner_id)] = values
    for key, values in opened.items():
        model = OWNER_MODEL[key[0]]
        obj = db.session.identity_map.get(db.session.identity_key(model, key[1]))
        if obj is not None:
            _apply(obj, values)
    page = request.endpoint if has_request_context() else None
    log.record(
        action, case_id=case.id, station_id=case.station_id, page=page, identity=show_identity
    )


def _unsealed(case_id: int) -> list[tuple[str, int, dict]]:
    return [(owner, owner_id, v) for _c, owner, owner_id, v in _opened(Sealed.case_id == case_id)]


def _opened(*conditions: Any) -> list[tuple[int, str, int, dict]]:
    """The sealed rows that meet ``conditions``, opened: (case id, owner, owner id, values)."""
    keys = _keys()
    rows = db.session.execute(
        select(Sealed.case_id, Sealed.owner, Sealed.owner_id, Sealed.blob).where(*conditions)
    ).all()
    return [
        (case_id, owner, owner_id, json.loads(keys.open(blob, context(owner, owner_id)).decode()))
        for case_id, owner, owner_id, blob in rows
    ]


def _cases_values(case_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each case's own sealed fields in plain text, by case id, in one statement. A case's
    own row is owned by the case itself (owner id = case id): asked by the primary key,
    not by ``case_id``, which SQLite without statistics read through the primary key's
    "case" half, every report of the installation (37 ms at a million cases)."""
    opened = _opened(Sealed.owner == "case", Sealed.owner_id.in_(case_ids))
    return {case_id: values for case_id, _owner, _id, values in opened}


def _apply(obj: Any, values: dict) -> None:
    fields = PROTECTED[type(obj)][1]
    for field in fields:
        if field in values:
            set_committed_value(obj, field, values[field])


def contact(case: Case) -> dict[str, str]:
    """The reporter's phone and address, unmasked, for a reply or a follow-up call (logged)."""
    values = sealed_case_values(case.id)
    log.record("contact_shown", case_id=case.id, station_id=case.station_id)
    return {k: values.get(k, "") for k in mask.CONTACT}


def identity_to_copy(case: Case) -> dict[str, str]:
    """The reporter's identity unmasked, for a report's appeal (it stays sealed there)."""
    values = sealed_case_values(case.id)
    return {k: values.get(k, "") for k in mask.IDENTITY if k.startswith("person_")}


def carry_over(report: Case, appeal: Case) -> None:
    """The appeal of a report names the same persons and excludes the same users."""
    persons = persons_reported(report)
    if persons:
        write(db.session.connection(), "case", appeal.id, appeal.id, {"persons_reported": persons})
    stored = db.session.scalars(select(Exclusion.user_mac).where(Exclusion.case_id == report.id))
    for mac in stored:
        db.session.add(Exclusion(case_id=appeal.id, user_mac=mac))


def sealed_case_values(case_id: int) -> dict[str, Any]:
    """The case's own sealed fields in plain text, for the gate's own uses."""
    return _cases_values([case_id]).get(case_id, {})


def seal_file(stored_name: str, content: bytes) -> bytes:
    """A report's attachment as it is written to disk: sealed, bound to its file name."""
    return _keys().seal(content, "file:" + stored_name)


def open_file(stored_name: str, blob: bytes) -> bytes:
    """A report's attachment for a download (the caller went through get_case_or_404)."""
    return _keys().open(blob, "file:" + stored_name)


# ---------------------------------------------------------------- search


def blind_tokens(*texts: str) -> list[str]:
    """The search index's pieces of a report's words: keyed hashes, never the words."""
    keys = _keys()
    return ["z" + keys.mac("blind", piece)[:24] for piece in dict.fromkeys(tokens(*texts))]


def log_search_hits(cases: Iterable[Case]) -> None:
    """Each report a search showed is a hit in its access log (the words searched are not
    kept: they may be the report's own)."""
    hits = [{"case_id": c.id, "station_id": c.station_id} for c in cases if is_report(c)]
    log.record_each("search_hit", hits)


def reports_holding(case_ids: list[int], runs: list[str]) -> set[int]:
    """Of these reports, those whose words (not their reporter's identity) hold every one
    of ``runs`` whole: the search's check of the candidates that its blind index found by
    their pieces alone, which have no order (``index_words``). One statement a batch."""
    held: set[int] = set()
    for start in range(0, len(case_ids), _CHECK_BATCH):
        for case_id, values in _cases_values(case_ids[start : start + _CHECK_BATCH]).items():
            words = [values.get(f) or "" for f in ("subject", "content", "summary")]
            if all(any(run in w for w in words) for run in runs):
                held.add(case_id)
    return held


_CHECK_BATCH = 500  # far under any SQLite build's limit of host parameters


def index_words(case: Case) -> list[str]:
    """What the search index holds of a report: its reference, and its words as blind
    tokens. Nothing of the reporter's identity (docs/threat-model.md)."""
    return [*tokens(case.ref), *blind_tokens(case.subject, case.content, case.summary)]


def identity_marks(case: Case) -> list[str]:
    keys = _keys()
    return [
        keys.mac("identity", value) for value in (case.person_phone, case.person_id_number) if value
    ]


# ---------------------------------------------------------------- counts


def count_reports(station_id: int | None, start: datetime, end: datetime) -> int:
    """How many reports were received in [start, end): the only figure about reports that
    roles which do not read them get, and only over a month or more."""
    if (end - start).days < 28:
        raise ValueError("reports are counted over a month or more")
    query = select(func.count(Case.id)).where(
        Case.kind.in_(CONFIDENTIAL_KINDS), Case.received_at >= start, Case.received_at < end
    )
    if station_id is not None:
        query = query.where(Case.station_id == station_id)
    return db.session.scalar(query)


# ---------------------------------------------------------------- wiring


def _hydrate_on_load(target: Any, ctx: Any, *_args: Any) -> None:
    session: Session | None = getattr(ctx, "session", None)
    if session is None:
        return
    opened = session.info.get(_OPENED)
    if not opened:
        return
    owner = PROTECTED[type(target)][0]
    values = opened.get((owner, target.id))
    if values is not None:
        _apply(target, values)


def init_app(_app: Any) -> None:
    from . import sealing

    sealing.install()
    for model in PROTECTED:
        if not event.contains(model, "load", _hydrate_on_load):
            event.listen(model, "load", _hydrate_on_load)
            event.listen(model, "refresh", _hydrate_on_load)


def on_registered(case: Case, **_: object) -> None:
    """The ``cases.signals.case_registered`` receiver: a new report's identity marks for the
    inspector's search, and its first access-log entry."""
    if not is_report(case):
        return
    from .models import IdentityMark

    for mac in dict.fromkeys(identity_marks(case)):
        db.session.add(IdentityMark(case_id=case.id, mac=mac))
    log.record(
        "registered",
        case_id=case.id,
        station_id=case.station_id,
        user_id=case.registered_by_id,
        channel=case.channel,
    )


def reporter_message(case_id: int) -> str:
    """The message the handler wrote for the reporter, which the status page shows."""
    return sealed_case_values(case_id).get("reporter_message", "")


MESSAGE_MAX = 500


def set_reporter_message(case: Case, text: str) -> None:
    """Seal the message for the reporter with the case's words (it is the handler's words
    about the report, so it is kept as they are), and log that it was written."""
    text = text.strip()
    if not text or len(text) > MESSAGE_MAX:
        raise ValueError("a message for the reporter is 1 to 500 characters")
    sealing.write(db.session.connection(), "case", case.id, case.id, {"reporter_message": text})
    log.record("message_written", case_id=case.id, station_id=case.station_id)


def client_address() -> str:
    return (request.remote_addr or "")[:45] if has_request_context() else ""
