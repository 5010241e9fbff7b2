"""A small case factory for the list, search and attachment tests (straight into the database)."""

from datetime import date, datetime

from sqlalchemy import select

from station.cases import search, service
from station.cases.models import Case
from station.extensions import db
from station.models import User
from station.timeutil import local_today

RECEIVED = datetime(2026, 3, 2, 9, 30)  # a Monday


def add_case(
    app,
    username: str = "clerk",
    *,
    channel: str = "phone",
    received: datetime = RECEIVED,
    later: dict | None = None,
    **fields,
) -> str:
    """Register a case as ``username`` would; ``later`` sets handling fields afterwards."""
    fields.setdefault("kind", "complaint")
    fields.setdefault("subject", "停电三天无人处理")
    if channel == "phone":
        fields.setdefault("phone_line", "station")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        case = service.register(
            station_id=user.station_id,
            channel=channel,
            fields=fields,
            received_local=received,
            registered_by=user,
            tz=app.config["STATION_TIMEZONE"],
        )
        for name, value in (later or {}).items():
            setattr(case, name, value)
        db.session.commit()
        return case.ref


def change_case(app, ref: str, username: str = "clerk", **values) -> None:
    """Change a case of ``username``'s station and its search index row, as an edit would."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        case = db.session.scalar(
            select(Case).where(Case.station_id == user.station_id, Case.ref == ref)
        )
        for name, value in values.items():
            setattr(case, name, value)
        search.index_case(case)
        db.session.commit()


def today(app) -> date:
    return local_today(app.config["STATION_TIMEZONE"])
