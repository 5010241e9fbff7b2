"""A month's summary as plain JSON data, and back (docs/domain.md "The monthly summary").

The same data is what a submitted month freezes, what the station signs and what a county
imports, so it holds only integers, strings and ISO dates: no float (a rate is computed from
its counts when shown), nothing that a JSON round trip could change. ``load(dump(s)) == s``.
``canonical`` gives the bytes that are hashed and signed.
"""

import json
from collections import Counter
from dataclasses import asdict
from datetime import date
from typing import Any

from .months import Month, parse
from .people import PersonRow
from .service import FollowUp, Kept, LateRow, Received, StillOpen, Summary

# Raised whenever the layout of the data changes, so that an old snapshot is read as it was.
SCHEMA = 1


def canonical(data: dict[str, Any]) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8 (Chinese kept as is)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def dump(summary: Summary) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "month": summary.month.key,
        "received": _dump_received(summary.received),
        "deadlines": {
            name: {"counts": dict(kept.counts), "extended": dict(kept.extended)}
            for name, kept in summary.deadlines.items()
        },
        "follow_up": {
            "by_satisfaction": dict(summary.follow_up.by_satisfaction),
            "appeals": summary.follow_up.appeals,
            "repeats": summary.follow_up.repeats,
        },
        "still_open": _dump_still_open(summary.still_open),
        "people": [asdict(row) for row in summary.people],
        "duties": {duty: dict(figures) for duty, figures in summary.duties.items()},
    }


def load(data: dict[str, Any]) -> Summary:
    month = parse(data["month"])
    if month is None:
        raise ValueError(f"not a month: {data['month']!r}")
    return Summary(
        month=Month(month.first),
        received=_load_received(data["received"]),
        deadlines={
            name: Kept(counts=Counter(kept["counts"]), extended=Counter(kept["extended"]))
            for name, kept in data["deadlines"].items()
        },
        follow_up=FollowUp(
            dict(data["follow_up"]["by_satisfaction"]),
            appeals=data["follow_up"]["appeals"],
            repeats=data["follow_up"]["repeats"],
        ),
        still_open=_load_still_open(data["still_open"]),
        people=[PersonRow(**row) for row in data["people"]],
        duties={duty: dict(figures) for duty, figures in data["duties"].items()},
    )


def _dump_received(received: Received) -> dict[str, Any]:
    return {
        "by_channel_kind": [
            [channel, kind, n] for (channel, kind), n in sorted(received.by_channel_kind.items())
        ],
        "by_topic": [[name, n] for name, n in received.by_topic],
        "by_importance": dict(received.by_importance),
        "reports": received.reports,
        "total": received.total,
    }


def _load_received(data: dict[str, Any]) -> Received:
    return Received(
        by_channel_kind={(c, k): n for c, k, n in data["by_channel_kind"]},
        by_topic=[(name, n) for name, n in data["by_topic"]],
        by_importance=dict(data["by_importance"]),
        reports=data["reports"],
        total=data["total"],
    )


def _dump_still_open(still: StillOpen) -> dict[str, Any]:
    return {
        "on": still.on.isoformat(),
        "count": still.count,
        "late": [
            {
                "ref": row.ref,
                "assignee": row.assignee,
                "clock": row.clock,
                "due": row.due.isoformat(),
                "days_late": row.days_late,
            }
            for row in still.late
        ],
        "late_unread": still.late_unread,
    }


def _load_still_open(data: dict[str, Any]) -> StillOpen:
    return StillOpen(
        on=date.fromisoformat(data["on"]),
        count=data["count"],
        late=[
            LateRow(
                ref=row["ref"],
                assignee=row["assignee"],
                clock=row["clock"],
                due=date.fromisoformat(row["due"]),
                days_late=row["days_late"],
            )
            for row in data["late"]
        ],
        late_unread=data["late_unread"],
    )
