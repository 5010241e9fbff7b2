"""Reading a year's official schedule from CSV: ``date,kind,name``, one day a line.

The whole file is checked before anything is saved: the first bad line stops
the import with a message that names it.

A schedule for year Y may list a few days of the neighbouring years (a working
Sunday late in December before New Year's Day, say): ``split_for_year`` allows
those within ``SPILL_DAYS`` of Y and refuses anything further away.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..i18n import gettext as _
from ..rules.workdays import HOLIDAY, KINDS, WORKDAY

MAX_BYTES = 64 * 1024  # a year's schedule is a few dozen lines
MAX_DAYS = 800
MAX_NAME = 50
FIRST_YEAR, LAST_YEAR = 2000, 2100
SPILL_DAYS = 31  # how far outside the chosen year a schedule's days may lie
_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")  # 2027-01-01 or Excel's 2027/1/1
_HEADER_WORDS = {"date", "日期"}
# The kind column in the words the official schedule uses (放假, 休; 班, 上班) or in English.
KIND_WORDS = {
    **{k: k for k in KINDS},
    **dict.fromkeys(("放假", "休", "休息", "假"), HOLIDAY),
    **dict.fromkeys(("班", "上班", "补班", "调休上班"), WORKDAY),
}


@dataclass(frozen=True)
class ImportedDay:
    day: date
    kind: str
    name: str
    line: int  # where it stands in the file, for messages


class CsvImportError(ValueError):
    """The file cannot be imported; the message says why and where."""


def parse(data: bytes) -> list[ImportedDay]:
    """The days listed in ``data``, or CsvImportError naming the first problem."""
    if len(data) > MAX_BYTES:
        raise CsvImportError(
            _("The file is too large for a calendar (at most %(kb)d KB).", kb=MAX_BYTES // 1024)
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvImportError(
            _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)”.")
        ) from exc
    days = _read_rows(text)
    if not days:
        raise CsvImportError(_("The file lists no days."))
    return days


def _read_rows(text: str) -> list[ImportedDay]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    days: list[ImportedDay] = []
    first_line: dict[date, int] = {}
    started = False  # only the first line with content may be a header
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            header = not started and row[0].strip().lower() in _HEADER_WORDS
            started = True
            if header:
                continue
            day = _row(row, line)
            if day.day in first_line:
                raise CsvImportError(
                    _(
                        "Line %(line)d: %(date)s is listed twice (first on line %(first)d).",
                        line=line,
                        date=day.day.isoformat(),
                        first=first_line[day.day],
                    )
                )
            first_line[day.day] = line
            days.append(day)
            if len(days) > MAX_DAYS:
                raise CsvImportError(_("The file lists more than %(n)d days.", n=MAX_DAYS))
    except csv.Error as exc:
        raise CsvImportError(
            _("Line %(line)d cannot be read as CSV.", line=reader.line_num)
        ) from exc
    return days


def _row(row: list[str], line: int) -> ImportedDay:
    if len(row) != 3:
        raise CsvImportError(
            _(
                "Line %(line)d: expected 3 columns (date,kind,name), found %(n)d.",
                line=line,
                n=len(row),
            )
        )
    if any("\n" in cell or "\r" in cell for cell in row):
        raise CsvImportError(_("Line %(line)d: a value runs over several lines.", line=line))
    raw_date, raw_kind, raw_name = (cell.strip() for cell in row)
    day = _date(raw_date, line)
    kind = KIND_WORDS.get(raw_kind.lower())
    if kind is None:
        raise CsvImportError(
            _(
                "Line %(line)d: the kind must be 放假 (or 休, holiday) or 班 (or 上班, workday), "
                "not “%(kind)s”.",
                line=line,
                kind=raw_kind,
            )
        )
    if len(raw_name) > MAX_NAME:
        raise CsvImportError(
            _("Line %(line)d: the name is longer than %(n)d characters.", line=line, n=MAX_NAME)
        )
    return ImportedDay(day, kind, raw_name, line)


def _date(raw: str, line: int) -> date:
    match = _DATE.fullmatch(raw)
    try:
        if match is None:
            raise ValueError(raw)
        day = date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise CsvImportError(
            _(
                "Line %(line)d: “%(value)s” is not a date; write dates like 2027-01-01.",
                line=line,
                value=raw[:20],
            )
        ) from exc
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CsvImportError(
            _(
                "Line %(line)d: the year must be between %(first)d and %(last)d.",
                line=line,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    return day


def split_for_year(
    days: list[ImportedDay], year: int
) -> tuple[list[ImportedDay], list[ImportedDay]]:
    """The days of ``year`` and the neighbouring years' days, or CsvImportError.

    A file without a day in ``year`` is most likely the schedule of another
    year; a day more than SPILL_DAYS outside ``year`` cannot belong to it.
    """
    own = [d for d in days if d.day.year == year]
    if not own:
        found = ", ".join(str(y) for y in sorted({d.day.year for d in days}))
        raise CsvImportError(
            _(
                "The file lists no day in %(year)d (its days are in %(found)s): it is probably "
                "the schedule of another year. Check the file and the year chosen.",
                year=year,
                found=found,
            )
        )
    first, last = spill_window(year)
    for d in days:
        if not first <= d.day <= last:
            raise CsvImportError(
                _(
                    "Line %(line)d: %(date)s is too far from %(year)d; a schedule for %(year)d "
                    "may list days from %(first)s to %(last)s only.",
                    line=d.line,
                    date=d.day.isoformat(),
                    year=year,
                    first=first.isoformat(),
                    last=last.isoformat(),
                )
            )
    return own, [d for d in days if d.day.year != year]


def spill_window(year: int) -> tuple[date, date]:
    """The first and last day a schedule for ``year`` may list."""
    margin = timedelta(days=SPILL_DAYS)
    return date(year, 1, 1) - margin, date(year, 12, 31) + margin
