"""Shared steps of the reception tests: today made a reception day, a kiosk, a sign-in."""

import re
from datetime import time, timedelta

from case_helpers import today
from conftest import PASSWORD
from sqlalchemy import select

from station.calendar import service as calendar
from station.extensions import db
from station.models import Station, User
from station.reception.models import ReceptionSetting, Visitor

STATION_A = "测试供电所"


def station_id(app, name: str = STATION_A) -> int:
    with app.app_context():
        return db.session.scalar(select(Station.id).where(Station.name == name))


def make_today_a_reception_day(app, name: str = STATION_A) -> None:
    """The station receives on today's weekday, open all day; on a weekend, Friday's moved to today
    (Friday to yesterday made days off, today a working day)."""
    day = today(app)
    with app.app_context():
        sid = db.session.scalar(select(Station.id).where(Station.name == name))
        weekday = day.weekday() if day.weekday() < 5 else 4
        if day.weekday() >= 5:
            friday = day - timedelta(days=day.weekday() - 4)
            off = friday
            while off < day:
                calendar.save_day(off, "holiday", "测试")
                off += timedelta(days=1)
        calendar.save_day(day, "workday", "测试接待日")
        # Open until the day's last second, so that today's queue runs whenever tests do.
        db.session.merge(ReceptionSetting(station_id=sid, weekday=weekday, closes_at=time.max))
        db.session.commit()


def login(client, username: str):
    return client.post("/login", data={"username": username, "password": PASSWORD})


def grant_kiosk(client, username: str = "clerk"):
    """Log ``client`` in as ``username`` and turn it into the kiosk."""
    login(client, username)
    return client.post("/reception/kiosk")


def form_fields(html: str) -> dict[str, str]:
    """The sign-in form's signed key and its field names by their suffix."""
    key = re.search(r'name="k" value="([^"]+)"', html).group(1)
    names = dict(re.findall(r'name="(v[0-9a-f]{16})-(\w+)"', html))
    prefix = next(iter(names))
    return {"k": key, "prefix": prefix}


def sign_in(client, name="张三", phone="13800001111", matter="电压低，灯泡发暗", headcount=1):
    page = client.get("/reception/signin").get_data(as_text=True)
    fields = form_fields(page)
    p = fields["prefix"]
    data = {"k": fields["k"], f"{p}-name": name, f"{p}-phone": phone, f"{p}-matter": matter}
    data[f"{p}-headcount"] = str(headcount)
    return client.post("/reception/signin", data=data), data


def visitors(app) -> list[Visitor]:
    with app.app_context():
        rows = list(db.session.scalars(select(Visitor).order_by(Visitor.id)))
        db.session.expunge_all()
        return rows


def user(app, username: str) -> User:
    with app.app_context():
        found = db.session.scalar(select(User).where(User.username == username))
        db.session.expunge(found)
        return found
