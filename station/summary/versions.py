"""Submitting a month (issue 10 part 3; docs/domain.md "Submitting a month").

A submitted month is frozen as the canonical JSON of its summary as the county sees it
(``data.dump(summarize(..., user=None))``: reports only counted, late cases by reference),
signed with the station's key. Submitting it again makes a new version, with a reason;
nothing is ever changed in place. What changed between two versions is read figure by
figure from their data (``changes``), so that figures added to ``dump`` later are compared
too without a word here.
"""

import itertools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ..duties import registry
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Station, User
from ..rules.vocab import IMPORTANCE, SATISFACTION
from ..timeutil import utcnow
from . import data, keyring, service, signing, trend
from .models import SummaryVersion
from .months import Month

REASON_MAX = 500


class Refused(ValueError):
    """A submission that is not made; ``message`` says why, in the user's language."""

    def __init__(self, message: Any, status: int = 400) -> None:
        super().__init__(str(message))
        self.message = message
        self.status = status


def versions(station_id: int, month: str) -> list[SummaryVersion]:
    """Every submitted version of the month, the first first."""
    query = select(SummaryVersion).where(
        SummaryVersion.station_id == station_id, SummaryVersion.month == month
    )
    return list(db.session.scalars(query.order_by(SummaryVersion.version)))


def get_version(station_id: int, month: str, version: int) -> SummaryVersion | None:
    return db.session.scalar(
        select(SummaryVersion).where(
            SummaryVersion.station_id == station_id,
            SummaryVersion.month == month,
            SummaryVersion.version == version,
        )
    )


def newest(station_id: int, month_keys: list[str]) -> dict[str, SummaryVersion]:
    """The newest submitted version of each of these months that has one: one query."""
    top = (
        select(SummaryVersion.month, func.max(SummaryVersion.version).label("version"))
        .where(SummaryVersion.station_id == station_id, SummaryVersion.month.in_(month_keys))
        .group_by(SummaryVersion.month)
        .subquery()
    )
    rows = db.session.scalars(
        select(SummaryVersion)
        .join(
            top,
            (SummaryVersion.month == top.c.month) & (SummaryVersion.version == top.c.version),
        )
        .where(SummaryVersion.station_id == station_id)
    )
    return {row.month: row for row in rows}


def submitted_points(station_id: int, month_keys: list[str]) -> dict[str, "trend.Point"]:
    """The trend's points of the submitted months, read from their newest version rather
    than counted again from the history (docs/domain.md "The monthly summary")."""
    return {
        key: trend.point_of(data.load(json.loads(row.data)))
        for key, row in newest(station_id, month_keys).items()
    }


def county_data(station_id: int, month: Month, tz: str, today: date) -> dict[str, Any]:
    """What a submission of the month freezes now: the summary as the county sees it."""
    return data.dump(service.summarize(station_id, month, tz, today, None))


def fingerprint_of(dumped: dict[str, Any]) -> str:
    """The SHA-256 of the figures' canonical bytes: what the confirm step shows and sends
    back, so that figures that changed in between are not submitted unseen."""
    return signing.sha256_hex(data.canonical(dumped))


def check_month(month: Month, today: date) -> None:
    if month.last >= today:
        raise Refused(_l("Only a month that has ended can be submitted."))


def submit(
    station_id: int,
    month: Month,
    tz: str,
    today: date,
    user: User,
    *,
    reason: str,
    seen_sha256: str,
    instance: Path,
) -> SummaryVersion:
    """Freeze, sign and store the next version of the month; ``Refused`` changes nothing.
    ``seen_sha256`` is the SHA-256 of the figures the head confirmed."""
    check_month(month, today)
    reason = reason.strip()
    earlier = db.session.scalar(
        select(func.max(SummaryVersion.version)).where(
            SummaryVersion.station_id == station_id, SummaryVersion.month == month.key
        )
    )
    if earlier and not reason:
        raise Refused(_l("Say why the month is submitted again: the reason is required."))
    if len(reason) > REASON_MAX:
        raise Refused(_l("The reason is at most %(n)d characters.", n=REASON_MAX))
    dumped = county_data(station_id, month, tz, today)
    frozen = data.canonical(dumped)
    if signing.sha256_hex(frozen) != seen_sha256:
        raise Refused(
            _l("The figures changed since you looked at them. Check them again, then submit.")
        )
    try:
        key, known = keyring.signing_key(instance, station_id)
    except keyring.KeyProblem as exc:
        raise Refused(str(exc), 500) from exc
    station = db.session.get(Station, station_id)
    row = SummaryVersion(
        station_id=station_id,
        month=month.key,
        version=(earlier or 0) + 1,
        data=frozen.decode(),
        sha256=signing.sha256_hex(frozen),
        fingerprint=known.fingerprint,
        station_name=station.name,
        submitted_by_id=user.id,
        submitted_by_name=user.display_name,
        submitted_at=utcnow().replace(microsecond=0),
        reason=reason,
        signature="",
    )
    row.signature = signing.sign(key, header(row), frozen)
    db.session.add(row)
    db.session.flush()
    return row


def header(row: SummaryVersion) -> signing.Header:
    return signing.Header(
        station_code=str(row.station_id),
        station_name=row.station_name,
        month=row.month,
        version=row.version,
        submitted_at=row.submitted_at,
        submitted_by=row.submitted_by_name,
    )


def summary_file(row: SummaryVersion) -> bytes:
    """The version as the summary file (signing.py describes it)."""
    key = keyring.public_key(row.station_id)
    return signing.summary_file(
        header(row), row.data.encode(), row.signature, row.fingerprint, key.public_key
    )


def frozen_summary(row: SummaryVersion) -> service.Summary:
    """The version's figures, its tables in the live page's order."""
    return ordered(data.load(json.loads(row.data)))


def ordered(summary: service.Summary) -> service.Summary:
    """A loaded summary's tables in the live page's order: canonical JSON sorts every key,
    so the deadlines, answers and duties come back alphabetical from ``data.load``."""
    summary.duties = {
        duty: _in_order(summary.duties[duty], registry.figure_keys(duty))
        for duty in _in_order(summary.duties, registry.DUTIES)
    }
    summary.deadlines = _in_order(summary.deadlines, service.DEADLINES)
    summary.follow_up.by_satisfaction = _in_order(summary.follow_up.by_satisfaction, SATISFACTION)
    summary.received.by_importance = _in_order(summary.received.by_importance, IMPORTANCE)
    return summary


def _in_order(values: dict, order: tuple[str, ...]) -> dict:
    known = [k for k in order if k in values]
    return {k: values[k] for k in (*known, *(k for k in values if k not in order))}


# ---------------------------------------------------------------- what changed


@dataclass(frozen=True)
class Change:
    key: tuple[str, ...]  # the figure's path in the data, e.g. ("received", "total")
    before: Any  # None where the figure was not there
    after: Any


def figures(dumped: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    """Every figure of the data by its path: dicts by key, rows ``[a, b, n]`` by their
    leading cells, rows of late cases by reference and of persons by username, each field
    apart (a person's name goes with the username)."""
    out: dict[tuple[str, ...], Any] = {}
    _walk(out, (), {k: v for k, v in dumped.items() if k not in ("schema", "month")})
    return out


def _walk(out: dict, path: tuple[str, ...], value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _walk(out, (*path, str(key)), inner)
    elif isinstance(value, list) and all(
        isinstance(r, list) and r and isinstance(r[-1], int) for r in value
    ):
        for row in value:
            out[(*path, *map(str, row[:-1]))] = row[-1]
    elif value and isinstance(value, list) and (by := _row_key(value)):
        for row in value:
            for name, inner in row.items():
                if name not in (by, "name"):
                    out[(*path, str(row[by]), name)] = inner
    else:
        out[path] = value


def _row_key(rows: list) -> str | None:
    """Rows of late cases are told apart by reference, per-person rows by username."""
    for key in ("ref", "username"):
        if all(isinstance(r, dict) and key in r for r in rows):
            return key
    return None


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """The figures that differ between two versions' data, in the order of the later one
    (figures gone last)."""
    old, new = figures(before), figures(after)
    keys = list(new) + [k for k in old if k not in new]
    return [Change(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]


def changes_between(rows: list[SummaryVersion]) -> dict[int, list[Change]]:
    """For each version after the first, what changed since the one before."""
    out = {}
    for earlier, later in itertools.pairwise(rows):
        out[later.version] = changes(json.loads(earlier.data), json.loads(later.data))
    return out
