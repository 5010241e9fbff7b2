"""What the inspectors find beyond one report's page: the station inspector's identity
search, and the county-level inspector's queue of the requests they decide in a head's
stead (reports naming their station's head). Only ids, dates and states leave here; a
request's reason is read after ``gate.open_report``."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..cases.models import Case
from ..extensions import db
from ..models import Station
from ..people.service import clean
from . import gate
from .keyring import current_keys
from .models import Disclosure, IdentityMark, Referral

KINDS = {"disclosure": Disclosure, "referral": Referral}


def identity_hits(user: Any, number: str) -> list[Case]:
    """The reports of the inspector's station whose reporter has this whole phone or ID
    number, newest first: a keyed hash is compared, so a part of a number finds nothing."""
    mac = current_keys(db.session.connection()).mac("identity", clean(number))
    query = (
        select(Case)
        .join(IdentityMark, IdentityMark.case_id == Case.id)
        .where(IdentityMark.mac == mac, Case.station_id == user.station_id)
        .order_by(Case.received_at.desc(), Case.id.desc())
    )
    return list(db.session.scalars(gate.narrow(query, user)).unique())


@dataclass
class Waiting:
    kind: str  # a key of KINDS
    item: Disclosure | Referral
    case: Case
    station: str


def queue(user: Any) -> list[Waiting]:
    """Every station's waiting requests on reports whose head is excluded, oldest first;
    none of a report naming ``user``."""
    names = dict(db.session.execute(select(Station.id, Station.name)).all())
    rows: list[Waiting] = []
    for kind, model in KINDS.items():
        found = db.session.execute(
            select(model, Case)
            .join(Case, Case.id == model.case_id)
            .where(model.state == "pending")
            .order_by(model.requested_at, model.id)
        ).all()
        for item, case in found:
            if gate.may_open_as_county_inspector(user, case):
                rows.append(Waiting(kind, item, case, names.get(case.station_id, "")))
    return sorted(rows, key=lambda w: (w.item.requested_at, w.kind, w.item.id))


def find(kind: str, item_id: int) -> tuple[Any, Case | None]:
    item = db.session.get(KINDS[kind], item_id)
    if item is None:
        return None, None
    return item, db.session.get(Case, item.case_id)


def station_name(station_id: int) -> str:
    return db.session.scalar(select(Station.name).where(Station.id == station_id)) or ""
