"""A month's summary as plain tables, the one source of the XLSX and the CSV
(``exports.py``; docs/domain.md "The monthly summary", "Ways out").

One function per section, each reading a ``Summary`` and giving one ``Table``: a title,
its columns (header and kind) and its rows of plain values. ``SECTIONS`` is their order,
which is the order of the sheets and of the CSV. A section added to ``Summary`` is one
more function here and one more line in ``SECTIONS``; no exporter changes. A section may
give None when the summary has nothing of it (an older snapshot), and is then left out.

Nothing here counts: every figure is read from the ``Summary``, and a rate is the
``Summary``'s own (a real number, None when nothing was due). Headers and labels are
looked up through Flask-Babel, so call ``tables`` inside a request.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..cases import labels as case_labels
from ..duties import labels as duty_labels
from ..duties import registry
from ..i18n import gettext as _
from ..i18n import show_date
from .service import LATE, ON_TIME, OPEN, OPEN_LATE, TABLE_KINDS, Summary

# What a column holds, which decides its cell format: an int, a rate (float, None when
# nothing was due), a string, a date.
COUNT, PERCENT, TEXT, DATE = "count", "percent", "text", "date"
Cell = int | float | str | date | None


@dataclass(frozen=True)
class Column:
    header: str
    kind: str  # COUNT, PERCENT, TEXT or DATE


@dataclass(frozen=True)
class Table:
    key: str  # stable, for tests and sheet order: received, topics …
    title: str
    columns: list[Column]
    rows: list[list[Cell]]


def _columns(*spec: tuple[str, str]) -> list[Column]:
    return [Column(header, kind) for header, kind in spec]


def overview(summary: Summary) -> Table:
    """The month in a few counts; reports only here, and only as counts."""
    still = summary.still_open
    return Table(
        "overview",
        _("Overview"),
        _columns((_("Figure"), TEXT), (_("Cases"), COUNT)),
        [
            [_("Received in the month, not counting reports"), summary.received.total],
            [_("Reports received in the month"), summary.received.reports],
            [_("Still open on %(day)s", day=show_date(still.on)), still.count],
            [_("Late on that day"), len(still.late) + still.late_unread],
            [_("Late reports, counted only"), still.late_unread],
        ],
    )


def channel_kind(summary: Summary) -> Table:
    received = summary.received
    columns = [Column(_("Channel"), TEXT)]
    columns += [Column(str(case_labels.KIND[kind]), COUNT) for kind in TABLE_KINDS]
    columns.append(Column(_("Total"), COUNT))
    rows: list[list[Cell]] = [
        [str(case_labels.CHANNEL[c]), *received.row(c), received.channel_total(c)]
        for c in received.channels
    ]
    rows.append(
        [_("Total"), *(received.kind_total(k) for k in TABLE_KINDS), received.total],
    )
    return Table("channel_kind", _("By channel and kind"), columns, rows)


def topics(summary: Summary) -> Table:
    return Table(
        "topics",
        _("By topic"),
        _columns((_("Topic"), TEXT), (_("Cases"), COUNT)),
        [[name or _("No topic"), n] for name, n in summary.received.by_topic],
    )


def importance(summary: Summary) -> Table:
    return Table(
        "importance",
        _("By importance"),
        _columns((_("Importance"), TEXT), (_("Cases"), COUNT)),
        [[str(case_labels.IMPORTANCE[i]), n] for i, n in summary.received.by_importance.items()],
    )


def deadlines(summary: Summary) -> Table:
    columns = _columns(
        (_("Deadline"), TEXT),
        (_("Due"), COUNT),
        (_("On time"), COUNT),
        (_("Late"), COUNT),
        (_("Open, past due"), COUNT),
        (_("Open, not yet due"), COUNT),
        (_("On-time rate"), PERCENT),
        (_("Extended, on time"), COUNT),
        (_("Extended, late"), COUNT),
        (_("Extended, open"), COUNT),
    )
    rows: list[list[Cell]] = []
    for name, kept in summary.deadlines.items():
        c, e = kept.counts, kept.extended
        rows.append(
            [str(case_labels.DEADLINE[name]), kept.due, c[ON_TIME], c[LATE], c[OPEN_LATE],
             c[OPEN], kept.rate, e[ON_TIME], e[LATE], e[OPEN_LATE] + e[OPEN]]
        )  # fmt: skip
    return Table("deadlines", _("Deadlines"), columns, rows)


def late(summary: Summary) -> Table:
    """The cases late on the summary's day, by reference (no subject, no person)."""
    still = summary.still_open
    return Table(
        "late",
        _("Late on %(day)s", day=show_date(still.on)),
        _columns(
            (_("Reference"), TEXT),
            (_("Assignee"), TEXT),
            (_("Deadline"), TEXT),
            (_("Due"), DATE),
            (_("Working days late"), COUNT),
        ),
        [
            [row.ref, row.assignee, str(case_labels.DEADLINE[row.clock]), row.due, row.days_late]
            for row in still.late
        ],
    )


def follow_up(summary: Summary) -> Table:
    calls = summary.follow_up
    columns = [Column(_("Calls made"), COUNT)]
    columns += [Column(str(case_labels.SATISFACTION[a]), COUNT) for a in calls.by_satisfaction]
    columns.append(Column(_("Satisfaction rate"), PERCENT))
    return Table(
        "follow_up",
        _("Follow-up calls"),
        columns,
        [[calls.calls, *calls.by_satisfaction.values(), calls.rate]],
    )


def returns(summary: Summary) -> Table:
    calls = summary.follow_up
    return Table(
        "returns",
        _("What came back"),
        _columns((_("Figure"), TEXT), (_("Cases"), COUNT)),
        [
            [_("Cases reopened as appeals"), calls.appeals],
            [_("Repeat complaints"), calls.repeats],
        ],
    )


def people(summary: Summary) -> Table:
    """By staff name; whose rows a reader gets is decided before (``people.visible_rows``)."""
    return Table(
        "people",
        _("Per person"),
        _columns(
            (_("Staff"), TEXT),
            (_("Cases closed"), COUNT),
            (_("Deadlines met"), COUNT),
            (_("Deadlines missed"), COUNT),
            (_("Dissatisfied"), COUNT),
            (_("Reminders received"), COUNT),
        ),
        [
            [p.name, p.handled, p.on_time, p.late, p.dissatisfied, p.reminders]
            for p in summary.people
        ],
    )


def duties(summary: Summary) -> Table:
    """Each duty's figures, one row each, under the duty's name."""
    rows: list[list[Cell]] = [
        [str(duty_labels.TITLE.get(duty, duty)), str(registry.figure_label(duty, key)), n]
        for duty, figures in summary.duties.items()
        for key, n in figures.items()
    ]
    return Table(
        "duties",
        _("Station duties"),
        _columns((_("Duty"), TEXT), (_("Figure"), TEXT), (_("Count"), COUNT)),
        rows,
    )


Section = Callable[[Summary], Table | None]
SECTIONS: list[Section] = [
    overview,
    channel_kind,
    topics,
    importance,
    deadlines,
    late,
    follow_up,
    returns,
    people,
    duties,
]


def tables(summary: Summary) -> list[Table]:
    """The summary's tables, in the order of ``SECTIONS``."""
    return [table for section in SECTIONS if (table := section(summary)) is not None]
