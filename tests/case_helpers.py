"""Cases for tests: register one through the service, move it along the loop, read it back.

``make_case(app, **fields)`` returns the new case's reference (a phone complaint an hour ago,
with a named person); ``add_case(app, username, **fields)`` registers a bare one received on
``RECEIVED``, for the lists, search and attachments. ``move_to(app, ref, state)`` takes a case
along the usual path (accept, reply, follow-up, close, archive) without HTTP.
"""

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from station.cases import actions, service
from station.cases.models import Case, CaseEvent
from station.extensions import db
from station.models import Station, User
from station.rules.workflow import STATES
from station.search import index as search
from station.timeutil import local_today, to_local, utcnow

RECEIVED = datetime(2026, 3, 2, 9, 30)  # a Monday

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


def today(app) -> date:
    return local_today(app.config["STATION_TIMEZONE"])


def _register(
    app,
    username: str,
    channel: str,
    fields: dict[str, Any],
    received: datetime,
    enclosures: tuple[dict, ...] = (),
) -> Case:
    """Register a case as ``username`` would, in their station (no commit)."""
    user = _user(username)
    return service.register(
        station_id=user.station_id,
        channel=channel,
        fields=fields,
        received_local=received,
        registered_by=user,
        tz=app.config["STATION_TIMEZONE"],
        enclosures=enclosures,
    )


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
        received = received_local or local_now(app) - timedelta(hours=1)
        case = _register(app, registered_by, channel, {**DEFAULTS, **fields}, received, enclosures)
        db.session.commit()
        return case.ref


def add_case(
    app,
    username: str = "clerk",
    *,
    channel: str = "phone",
    received: datetime = RECEIVED,
    later: dict | None = None,
    **fields: Any,
) -> str:
    """Register a case as ``username`` would; ``later`` sets handling fields afterwards."""
    fields.setdefault("kind", "complaint")
    fields.setdefault("subject", "停电三天无人处理")
    if channel == "phone":
        fields.setdefault("phone_line", "station")
    with app.app_context():
        case = _register(app, username, channel, fields, received)
        for name, value in (later or {}).items():
            setattr(case, name, value)
        db.session.commit()
        return case.ref


def change_case(app, ref: str, username: str = "clerk", **values: Any) -> None:
    """Change a case of ``username``'s station and its search index row, as an edit would."""
    with app.app_context():
        station_id = _user(username).station_id
        case = db.session.scalar(select(Case).where(Case.station_id == station_id, Case.ref == ref))
        for name, value in values.items():
            setattr(case, name, value)
        search.index_case(case)
        db.session.commit()


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


def submit_for_review(app, ref: str, username: str = "clerk") -> None:
    """``username`` submits the case for the head's review now, without HTTP."""
    with app.app_context():
        actions.submit_review(get_case(app, ref), _user(username), note="请所长阅示")
        db.session.commit()
