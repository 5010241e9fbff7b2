"""Cases for tests: register one through the service, move it along the loop, read it back.

``make_case(app, **fields)`` returns the new case's reference; ``move_to(app, ref, state)``
takes it along the usual path (accept, reply, follow-up, close, archive) without HTTP.
"""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from station.cases import actions, service
from station.cases.models import Case, CaseEvent
from station.extensions import db
from station.models import Station, User
from station.timeutil import to_local, utcnow
from station.workflow import STATES

DEFAULTS: dict[str, Any] = {
    "kind": "complaint",
    "importance": "general",
    "subject": "台区电压低，空调无法启动",
    "content": "村东头三户反映晚上电压低，已持续一周。",
    "person_name": "王大山",
    "person_phone": "13800001111",
    "person_address": "王家村三组12号",
}


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def local_now(app) -> datetime:
    tz = app.config["STATION_TIMEZONE"]
    return to_local(utcnow(), tz).replace(tzinfo=None, microsecond=0)


def make_case(
    app,
    *,
    channel: str = "phone",
    registered_by: str = "clerk",
    received_local: datetime | None = None,
    enclosures: tuple[dict, ...] = (),
    **fields: Any,
) -> str:
    """Register a case in the registrant's station (default: a phone complaint an hour ago)."""
    with app.app_context():
        user = _user(registered_by)
        received = received_local or local_now(app) - timedelta(hours=1)
        case = service.register(
            station_id=user.station_id,
            channel=channel,
            fields={**DEFAULTS, **fields},
            received_local=received,
            registered_by=user,
            tz=app.config["STATION_TIMEZONE"],
            enclosures=enclosures,
        )
        db.session.commit()
        return case.ref


def _steps(app, actor: User) -> dict[str, Any]:
    tz = app.config["STATION_TIMEZONE"]
    return {
        "accepted": lambda c: actions.accept(c, actor, contacted_at=utcnow()),
        "replied": lambda c: actions.reply(c, actor, method="phone", content="已答复", tz=tz),
        "followed_up": lambda c: actions.follow_up(c, actor, satisfaction="satisfied"),
        "closed": lambda c: actions.close(c, actor),
        "archived": lambda c: actions.archive(c, actor, year=2026, volume="1"),
    }


def move_to(app, ref: str, state: str, *, actor: str = "clerk") -> None:
    """Take the case along the usual path until it reaches ``state``."""
    with app.app_context():
        case = get_case(app, ref)
        steps = _steps(app, _user(actor))
        for name, step in steps.items():
            if STATES.index(case.status) >= STATES.index(state):
                break
            if STATES.index(name) > STATES.index(case.status):
                step(case)
        db.session.commit()


def get_case(app, ref: str, station: str = "测试供电所") -> Case:
    """The case with this reference (use inside ``app.app_context()``)."""
    return db.session.scalar(
        select(Case)
        .join(Station, Station.id == Case.station_id)
        .where(Station.name == station, Case.ref == ref)
    )


def case_state(app, ref: str) -> dict[str, Any]:
    """The case's status and counts, read in a fresh context: what a test compares."""
    with app.app_context():
        case = get_case(app, ref)
        events = db.session.scalars(
            select(CaseEvent.action).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        ).all()
        return {
            "status": case.status,
            "events": list(events),
            "assignee_id": case.assignee_id,
            "extended_to": case.extended_to,
            "due_reply": case.due_reply,
        }


def act(client, ref: str, action: str, *, htmx: bool = False, **fields: Any):
    """POST one handling action of the case page, its fields named as the form names them."""
    data = {f"{action}-{name}": value for name, value in fields.items()}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/cases/{ref}/act/{action}", data=data, headers=headers)


def as_user(client, auth, username: str) -> None:
    """Log out whoever is logged in and log in as ``username``."""
    auth.logout()
    auth.login(username)
