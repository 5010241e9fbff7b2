"""The side-by-side month as a table, for its XLSX (docs/domain.md "The county's view"):
the rows of the page (``service.StationMonth``), each rate as a percent beside its counts."""

from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..summary.tables import COUNT, PERCENT, TEXT, Cell, Column, Table
from .service import Rate, StationMonth

RATES = (
    ("contact", _l("First contact on time")),
    ("reply", _l("Replied on time")),
    ("close", _l("Closed on time")),
    ("satisfaction", _l("Satisfaction rate")),
)


def _columns() -> list[Column]:
    columns = [
        Column(_("Station"), TEXT),
        Column(_("Source"), TEXT),
        Column(_("Cases received"), COUNT),
        Column(_("Reports"), COUNT),
    ]
    for _name, header in RATES:
        columns += [
            Column(str(header), PERCENT),
            Column(_("%(rate)s: met", rate=header), COUNT),
            Column(_("%(rate)s: counted", rate=header), COUNT),
        ]
    return [
        *columns,
        Column(_("Open at the month's end"), COUNT),
        Column(_("Late at the month's end"), COUNT),
        Column(_("Overdue now"), COUNT),
        Column(_("Late duties now"), COUNT),
    ]


def _source(row: StationMonth) -> str:
    if row.version:
        return _("from its file, version %(n)d", n=row.version)
    return _("live") if row.name else ""


def _row(row: StationMonth, label: str) -> list[Cell]:
    cells: list[Cell] = [label, _source(row), row.received, row.reports]
    for name, _header in RATES:
        rate: Rate = getattr(row, name)
        cells += [rate.value, rate.met, rate.over]
    return [*cells, row.open_at_end, row.late_at_end, row.overdue_now, row.late_duties_now]


def side_by_side(rows: list[StationMonth], total: StationMonth) -> Table:
    body = [_row(r, r.name) for r in rows]
    if len(rows) > 1:
        body.append(_row(total, _("Total")))
    return Table("side_by_side", _("Stations side by side"), _columns(), body)
