"""Receipt codes: what a reporter quotes to learn how the report stands, named or not.

A code is 16 random digits, shown once. The database keeps a keyed hash of it to
find the report and a slow hash to check it, never the code. A code that does not
exist and a wrong one get the same answer and take the same time; failed queries
are counted per user and per address from the access log, and then refused.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..cases.models import Case
from ..extensions import db
from . import log
from .keyring import current_keys
from .models import AccessEntry, Receipt

DIGITS = 16
_TYPED = re.compile(r"[\s-]")
# Failed queries allowed in WINDOW, per user and per address (a shared desk PC).
WINDOW = timedelta(minutes=15)
PER_USER = 5
PER_ADDRESS = 10
FAILED = ("receipt_miss", "receipt_malformed")


@cache
def _decoy() -> str:
    """Checked against when no report has the code, so that a miss costs what a hit does.

    Made on the first lookup, not at import (a scrypt hash off every start-up); ``query``
    asks for it before it looks, hit or miss, so only the process's first query pays."""
    return generate_password_hash("0" * DIGITS, method="scrypt")


class Malformed(ValueError):
    """Not 16 digits."""


class Throttled(RuntimeError):
    """Too many failed queries from this user or address: wait."""


@dataclass(frozen=True)
class Status:
    case: Case
    message: str


def new_code() -> str:
    return f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"


def show_code(code: str) -> str:
    """1234 5678 9012 3456: read out in fours."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def issue(case: Case) -> str:
    """A new code for ``case``; the caller shows it once and never again."""
    code = new_code()
    keys = current_keys(db.session.connection())
    db.session.add(
        Receipt(
            case_id=case.id,
            lookup=keys.mac("receipt", code),
            verifier=generate_password_hash(code, method="scrypt"),
        )
    )
    return code


def wants_receipt(case: Case) -> bool:
    """Whether there is someone to hand a code to: a caller, a visitor, or a letter with
    a return address (the code is printed on its acknowledgement)."""
    if case.channel in ("phone", "visit", "counter"):
        return True
    return case.channel == "letter" and bool(case.person_address or case.postcode)


def clean(typed: str) -> str:
    code = _TYPED.sub("", typed or "")
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        raise Malformed(typed)
    return code


def query(typed: str, user_id: int, address: str, now: datetime) -> Case | None:
    """The report whose code was typed, or None; every query is logged."""
    if _failures(user_id, address, now) >= PER_USER or _failures(None, address, now) >= PER_ADDRESS:
        log.record("receipt_throttled")
        raise Throttled()
    try:
        code = clean(typed)
    except Malformed:
        log.record("receipt_malformed")
        raise
    decoy = _decoy()
    keys = current_keys(db.session.connection())
    receipt = db.session.scalar(select(Receipt).where(Receipt.lookup == keys.mac("receipt", code)))
    verifier = receipt.verifier if receipt else decoy
    if not check_password_hash(verifier, code) or receipt is None:
        log.record("receipt_miss")
        return None
    case = db.session.get(Case, receipt.case_id)
    log.record("receipt_query", case_id=case.id, station_id=case.station_id)
    return case


def _failures(user_id: int | None, address: str, now: datetime) -> int:
    """Failed queries in WINDOW by the user (when given), else from the address."""
    who = AccessEntry.user_id == user_id if user_id is not None else AccessEntry.address == address
    return db.session.scalar(
        select(func.count(AccessEntry.id)).where(
            AccessEntry.action.in_(FAILED), AccessEntry.at >= now - WINDOW, who
        )
    )
