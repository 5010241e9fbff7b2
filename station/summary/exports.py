"""The monthly summary's ways out: ``/summary/<YYYY-MM>.xlsx`` and ``/summary/<YYYY-MM>.csv``
(docs/domain.md "The monthly summary", "Ways out").

The same viewers and the same refused months as the page (``views.checked_month``). Both
files are written from ``tables.tables`` of the summary as the county receives it
(``summarize`` with no user): a file leaves the station, so reports are counts in it,
never a row, and no case has a subject or a person of the public in it.
"""

import csv
import io
from copy import copy
from dataclasses import replace
from datetime import date
from urllib.parse import quote

from flask import Response
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import current_user

from .. import changes
from ..access import roles_required
from ..i18n import gettext as _
from ..i18n import show_month
from ..timeutil import local_today, station_tz
from . import months, service, tables
from . import people as staff
from .views import VIEWERS, bp, checked_month

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {tables.COUNT: "0", tables.PERCENT: "0.0%", tables.DATE: "yyyy-mm-dd"}
# Sheet names: at most 31 characters, none of these (Excel refuses them).
_NOT_IN_SHEET_NAMES = str.maketrans({c: " " for c in "[]:*?/\\"})


@bp.route("/<string:month>.xlsx", methods=["GET"])
@roles_required(*VIEWERS)
def xlsx(month: str) -> ResponseReturnValue:
    checked = checked_month(month)
    if not isinstance(checked, months.Month):
        return checked
    body = _file_bytes("xlsx", checked, workbook_bytes)
    return _download(body, XLSX, checked, "xlsx")


@bp.route("/<string:month>.csv", methods=["GET"])
@roles_required(*VIEWERS)
def csv_file(month: str) -> ResponseReturnValue:
    checked = checked_month(month)
    if not isinstance(checked, months.Month):
        return checked
    body = _file_bytes("csv", checked, csv_bytes)
    return _download(body, "text/csv; charset=utf-8", checked, "csv")


def _file_bytes(ext: str, month: months.Month, write) -> bytes:
    """The file of the month as ``write`` makes it, kept until a write commits (as the
    figures are: ``changes.remembered``), for the user's station, rows and language."""
    key = (ext, current_user.station_id, month.key, local_today(station_tz()), current_user.id,
           str(get_locale()))  # fmt: skip
    return changes.remembered(key, lambda: write(_heading(month), tables.tables(_summary(month))))


def _summary(month: months.Month) -> service.Summary:
    tz = station_tz()
    # user=None: as the county receives it, reports counted and never a row; a clerk's
    # file holds only their own per-person row, as their page does.
    summary = service.summarize(current_user.station_id, month, tz, local_today(tz), None)
    return replace(summary, people=staff.visible_rows(summary.people, current_user))


def _heading(month: months.Month) -> str:
    return _(
        "%(station)s, monthly summary for %(month)s",
        station=current_user.station.name,
        month=show_month(month.first),
    )


def title_row(heading: str, table: tables.Table) -> str:
    return _("%(heading)s: %(table)s", heading=heading, table=table.title)


def _download(body: bytes, mimetype: str, month: months.Month, ext: str) -> Response:
    return download(
        body, mimetype, _("Monthly summary-%(month)s", month=month.key), f"summary-{month.key}", ext
    )


def download(body: bytes, mimetype: str, name: str, fallback: str, ext: str) -> Response:
    """The file with its name in the user's language (月度汇总-2026-10.xlsx) as RFC 5987
    ``filename*``, and an ASCII name for the browsers that do not read it."""
    name, fallback = f"{name}.{ext}", f"{fallback}.{ext}"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# ---- CSV: the tables one after another, for Excel on Windows ----


def _csv_cell(value: tables.Cell, kind: str) -> str | int:
    if value is None:
        return ""  # a rate with nothing due is empty, not 0
    if kind == tables.PERCENT:
        return f"{value * 100:.1f}%"
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_bytes(heading: str, all_tables: list[tables.Table]) -> bytes:
    """UTF-8 with a byte-order mark (so that Excel on Windows reads it as UTF-8), CRLF line
    ends; each table its title row, its header row and its rows, a blank line between."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for i, table in enumerate(all_tables):
        if i:
            writer.writerow([])
        writer.writerow([title_row(heading, table)])
        writer.writerow([c.header for c in table.columns])
        for row in table.rows:
            writer.writerow([_csv_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
    return out.getvalue().encode("utf-8-sig")


# ---- XLSX: one sheet per table ----
# openpyxl is imported in ``workbook_bytes``, when a workbook is asked for: importing it
# costs some 0.3 s, which every start-up of the server paid for a download that is rare.


def _width(value: tables.Cell, kind: str) -> int:
    """Characters a cell needs; a Chinese character is as wide as two Latin ones."""
    if value is None:
        return 0
    if kind == tables.PERCENT:
        return 7
    if kind == tables.DATE:
        return 10
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(value))


def _sheet_name(title: str, taken: set[str]) -> str:
    name = title.translate(_NOT_IN_SHEET_NAMES).strip()[:28] or "Sheet"
    base, n = name, 2
    while name in taken:
        name, n = f"{base} {n}", n + 1
    taken.add(name)
    return name


def _style_column(sheet, index: int, border, number_format: str | None) -> None:
    """Border (and number format) on a column's cells below the header. The first cell is
    styled, the others take its style as it is: openpyxl looks a style up by hashing it
    again at each cell otherwise, which took seconds for a county's thousands of rows."""
    first = None
    for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
        if first is None:
            first = cell
            cell.border = border
            if number_format:
                cell.number_format = number_format
        else:
            cell._style = copy(first._style)


def workbook_bytes(heading: str, all_tables: list[tables.Table]) -> bytes:
    """One sheet per table: a title row naming station and month, a header row, both
    frozen; counts, rates and dates formatted; columns as wide as their contents."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="E7E7E7")
    book = Workbook()
    book.remove(book.active)
    book.properties.title = heading
    taken: set[str] = set()
    for table in all_tables:
        sheet = book.create_sheet(_sheet_name(table.title, taken))
        sheet.append([title_row(heading, table)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([c.header for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.border = box
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in table.rows:
            sheet.append(row)
        for index, column in enumerate(table.columns, start=1):
            _style_column(sheet, index, box, FORMATS.get(column.kind))
            widest = max(
                [_width(column.header, tables.TEXT)]
                + [_width(r[index - 1], column.kind) for r in table.rows]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 8), 40)
        sheet.freeze_panes = "A3"
        sheet.print_title_rows = "1:2"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
