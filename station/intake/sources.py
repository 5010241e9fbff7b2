"""Where a new case can come from besides a person at the desk: a call in the reporting-line
log, a visitor signed in on reception day, an item found in a suggestion box.

A duty registers a ``Source`` for a channel. The intake form is then opened as
``/cases/new?channel=phone&from=call:12``: the form is filled from the record, and once the
case is registered the source links the record to it in the same transaction, so that
nothing is typed twice. ``registered_without`` runs for a case of the channel that came
from no record of the source (a phone case typed straight in still logs its call).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..cases.models import Case
from ..models import User


@dataclass(frozen=True)
class Source:
    name: str  # as in ``from=<name>:<id>``
    channel: str
    # The record of this station with this id that may still become a case, else None.
    find: Callable[[int, int], Any | None]
    # The intake form's field values from the record (names of the channel's form).
    prefill: Callable[[Any], dict[str, Any]]
    # After the case is registered, in the same transaction.
    link: Callable[[Any, Case, User], None]
    registered_without: Callable[[Case, User], None] | None = None


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.name] = source


def parse(value: str | None, channel: str) -> tuple[Source, int] | None:
    """The source and record id that ``from=`` names for this channel, or None when it
    names none (or no source of this channel, or no number)."""
    name, _, ident = (value or "").partition(":")
    source = _SOURCES.get(name)
    if source is None or source.channel != channel or not ident.isdigit():
        return None
    return source, int(ident)


def after_register(case: Case, user: User, found: tuple[Source, Any] | None) -> None:
    """Link the record the case came from, or tell the channel's sources it came from none."""
    if found is not None:
        source, record = found
        source.link(record, case, user)
    came_from = found[0] if found is not None else None
    for source in _SOURCES.values():
        if source.channel != case.channel or source is came_from:
            continue
        if source.registered_without is not None:
            source.registered_without(case, user)
