"""The reporting-line log: the calls, their dispositions, the line setting and the duty.

Every call ends with one disposition (docs/domain.md "Station duties"). Became a case and
answered on the phone are ordinary phone cases of the register; a phone case typed
straight in at ``/cases/new?channel=phone`` logs its call itself (the intake source
``call``), so that no call is typed twice. A call that became a report keeps here only its
time, its line and "转保密处理": number, name and words are in the report, sealed. Nothing
here commits: the views do.
"""

from datetime import datetime, time
from typing import Any

from sqlalchemy import Select, select

from ..cases import actions, labels
from ..cases import service as cases
from ..cases.models import Case
from ..confidential import gate
from ..confidential import labels as confidential_labels
from ..duties.registry import DutyItem
from ..extensions import db
from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..i18n import short_datetime
from ..intake import sources
from ..models import Station, User
from ..people import service as people
from ..rules.vocab import CONFIDENTIAL_KINDS, KINDS, PHONE_LINES
from ..timeutil import local_day, station_tz, to_local, to_utc, utcnow
from .models import ANSWERED, CASE, DUPLICATE, WRONG, Call, HotlineSetting

CONFIDENTIAL_LABEL = confidential_labels.HANDLED
SUBJECT_MAX = 200
PER_PAGE = 50


class HotlineError(ValueError):
    """A refused request; ``message`` says why in the user's language. Nothing was saved."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


# ---------------------------------------------------------------- the line setting


def reporting_line(station_id: int) -> str:
    """The station's reporting-line number (举报电话) as its admin set it; until then the
    station's phone. The reception notice prints it."""
    found = db.session.get(HotlineSetting, station_id)
    if found is not None and found.reporting_line:
        return found.reporting_line
    station = db.session.get(Station, station_id)
    return (station.phone or "") if station is not None else ""


def saved_reporting_line(station_id: int) -> str:
    """What the admin set ("" when nothing)."""
    found = db.session.get(HotlineSetting, station_id)
    return found.reporting_line if found is not None else ""


def save_reporting_line(station_id: int, number: str, by: User) -> None:
    found = db.session.get(HotlineSetting, station_id)
    if found is None:
        found = HotlineSetting(station_id=station_id)
        db.session.add(found)
    found.reporting_line, found.updated_by_id = number.strip(), by.id


# ---------------------------------------------------------------- logging a call


def log_call(
    station_id: int,
    *,
    received_local: datetime,
    line: str,
    number: str,
    anonymous: bool,
    name: str,
    words: str,
    taken_by: User,
) -> Call:
    """A call, as the one who took it tells it; not yet disposed."""
    if line not in PHONE_LINES:
        raise HotlineError(_l("Choose the line the call came in on."))
    tz = station_tz()
    received = to_utc(received_local, tz)
    if received > utcnow():
        raise HotlineError(_l("A call cannot be logged for a time still to come."))
    call = Call(
        station_id=station_id,
        received_at=received,
        day=received_local.date(),
        line=line,
        caller_number=people.clean(number.strip()),
        anonymous=anonymous,
        caller_name="" if anonymous else name.strip(),
        words=words.strip(),
        taken_by_id=taken_by.id,
    )
    db.session.add(call)
    db.session.flush()
    return call


def calls_query(station_id: int) -> Select:
    """The station's calls, the latest first (the log pages through it)."""
    return (
        select(Call)
        .where(Call.station_id == station_id)
        .order_by(Call.received_at.desc(), Call.id.desc())
    )


def received_local(call: Call) -> datetime:
    return to_local(call.received_at, station_tz())


# ---------------------------------------------------------------- dispositions


def _open(call: Call) -> None:
    if call.disposition is not None:
        raise HotlineError(_l("This call's disposition is recorded already."))


def _done(call: Call, disposition: str, by: User, case: Case | None = None) -> None:
    call.disposition, call.disposed_at, call.disposed_by_id = disposition, utcnow(), by.id
    if case is not None:
        call.case_id = case.id
        if gate.is_report(case):
            _seal(call)


def _seal(call: Call) -> None:
    """What identifies the caller or says what was reported is in the report only."""
    call.confidential = True
    call.caller_number = call.caller_name = call.words = ""
    call.anonymous = False


def wrong_number(call: Call, by: User) -> None:
    """Wrong number, or nobody spoke."""
    _open(call)
    _done(call, WRONG, by)


def answer_on_phone(call: Call, by: User, *, kind: str, answer: str) -> Case:
    """A phone case, registered from the call and answered on the spot (so it is counted)."""
    _open(call)
    if kind in CONFIDENTIAL_KINDS:
        raise HotlineError(_l("A report is registered as a case, not answered on the phone."))
    if kind not in KINDS:
        raise HotlineError(_l("Choose the kind of the matter."))
    if not answer.strip():
        raise HotlineError(_l("Write down what the caller was told."))
    tz = station_tz()
    case = cases.register(
        station_id=call.station_id,
        channel="phone",
        fields={**case_fields(call), "kind": kind},
        received_local=received_local(call).replace(tzinfo=None, second=0, microsecond=0),
        registered_by=by,
        tz=tz,
    )
    actions.answer_on_spot(case, by, content=answer.strip())
    _done(call, ANSWERED, by, case)
    sources.after_register(case, by, (CALL_SOURCE, call))
    return case


def find_case(station_id: int, ref: str) -> Case:
    """The station's case with this reference, else a clear refusal."""
    ref = (ref or "").strip()
    if not ref:
        raise HotlineError(_l("Enter the reference of the case the call is about."))
    found = db.session.scalar(select(Case).where(Case.station_id == station_id, Case.ref == ref))
    if found is None:
        raise HotlineError(_("There is no case %(ref)s at this station.", ref=ref))
    return found


def mark_duplicate(call: Call, by: User, *, ref: str) -> Case:
    """About a case already registered: the call is linked to it, and the case's timeline
    says so (with the call's words: on a report they are sealed with it)."""
    _open(call)
    case = find_case(call.station_id, ref)
    local = received_local(call)
    cases.record_event(
        case,
        by,
        "duplicate_call",
        call.words,
        line=call.line,
        received=local.replace(tzinfo=None, second=0, microsecond=0),
        call_id=call.id,
    )
    _done(call, DUPLICATE, by, case)
    return case


def case_fields(call: Call) -> dict[str, Any]:
    words = call.words.strip()
    fields: dict[str, Any] = {
        "phone_line": call.line,
        "person_phone": call.caller_number,
        "person_name": call.caller_name,
        "anonymous": call.anonymous,
        "subject": (words.splitlines()[0] if words else "")[:SUBJECT_MAX],
        "content": words,
        "importance": "general",
    }
    return fields


# ---------------------------------------------------------------- the intake source


def _find(station_id: int, ident: int) -> Call | None:
    """A call of the station not disposed yet, that may become a case."""
    call = db.session.get(Call, ident)
    if call is None or call.station_id != station_id or call.disposition is not None:
        return None
    return call


def _prefill(call: Call) -> dict[str, Any]:
    local = received_local(call)
    return {
        **case_fields(call),
        "phone_for_reply": call.anonymous and bool(call.caller_number),
        "received_date": local.date(),
        "received_time": time(local.hour, local.minute),
    }


def _link(call: Call, case: Case, user: User) -> None:
    """The case registered from the call: its disposition (unless answered on the phone
    already), and a report takes the call's number and words with it."""
    if call.disposition is None:
        _done(call, ANSWERED if case.on_the_spot else CASE, user, case)
    else:
        call.case_id = case.id
        if gate.is_report(case):
            _seal(call)


def _registered_without(case: Case, user: User) -> None:
    """A phone case typed straight in: its call is logged, disposed as that case, once."""
    if db.session.scalar(select(Call.id).where(Call.case_id == case.id)) is not None:
        return
    tz = station_tz()
    call = Call(
        station_id=case.station_id,
        received_at=case.received_at,
        day=local_day(case.received_at, tz),
        line=case.phone_line if case.phone_line in PHONE_LINES else "other",
        caller_number=case.person_phone or "",
        anonymous=bool(case.anonymous),
        caller_name=case.person_name or "",
        words=case.content or "",
        taken_by_id=user.id,
    )
    db.session.add(call)
    _done(call, ANSWERED if case.on_the_spot else CASE, user, case)
    db.session.flush()


CALL_SOURCE = sources.Source(
    name="call",
    channel="phone",
    find=_find,
    prefill=_prefill,
    link=_link,
    registered_without=_registered_without,
)


# ---------------------------------------------------------------- what the log shows


def may_see(call: Call, user: Any) -> bool:
    """Whether ``user`` sees more of the call than its time, line and "转保密处理"."""
    return not call.confidential


def may_follow(call: Call, user: Any) -> bool:
    """Whether the log links the call's case for ``user``."""
    return call.case is not None and gate.may_open(user, call.case)


# ---------------------------------------------------------------- the duty


def open_calls(station_id: int, until) -> list[Call]:
    return list(
        db.session.scalars(
            select(Call)
            .where(Call.station_id == station_id, Call.disposition.is_(None), Call.day <= until)
            .order_by(Call.received_at, Call.id)
        )
    )


def duty_items(station_id: int, on) -> list[DutyItem]:
    """The duty "hotline": each call without a disposition, due the day it came in (so
    late from the day after). The label says only its time and line."""
    return [
        DutyItem(
            duty="hotline",
            label=_(
                "Call of %(when)s on %(line)s: no disposition",
                when=short_datetime(call.received_at),
                line=labels.PHONE_LINE.get(call.line, call.line),
            ),
            due=call.day,
            endpoint="hotline.call",
            params={"call_id": call.id},
        )
        for call in open_calls(station_id, on)
    ]


__all__ = ["CALL_SOURCE", "CONFIDENTIAL_LABEL", "HotlineError", "reporting_line"]
