"""What the duties owe, as the current user may see it: only items whose page the user may
open, so that an inspector sees the calls and not the boxes."""

from dataclasses import dataclass
from datetime import date

from flask import current_app, url_for
from flask_login import current_user

from ..access import may_use
from ..timeutil import local_today, station_tz
from . import labels, registry


@dataclass(frozen=True)
class DutySection:
    duty: str
    title: object
    url: str | None  # the duty's own page, when the user may open it
    items: list[registry.DutyItem]


def _may_open(endpoint: str) -> bool:
    return endpoint in current_app.view_functions and may_use(current_app, endpoint, current_user)


def owed(today: date) -> list[registry.DutyItem]:
    """What the user's station owes by today, among what the user may open."""
    if current_user.station_id is None:
        return []
    return [i for i in registry.items(current_user.station_id, today) if _may_open(i.endpoint)]


def sections(today: date) -> list[DutySection]:
    """One section per duty whose page the user may open, each with what it owes."""
    items = owed(today)
    found = []
    for duty in registry.DUTIES:
        page = labels.PAGE[duty]
        if not _may_open(page):
            continue
        found.append(
            DutySection(
                duty=duty,
                title=labels.TITLE[duty],
                url=url_for(page),
                items=[i for i in items if i.duty == duty],
            )
        )
    return found


def item_url(item: registry.DutyItem) -> str:
    return url_for(item.endpoint, **item.params)


def late(due: date) -> bool:
    """For a duty's own page: whether something due on ``due`` is late at the station today."""
    return registry.is_late(due, local_today(station_tz()))
