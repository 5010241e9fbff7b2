"""The working-day calendar page: local overrides, CSV import, the missing-schedule warning.

The calendar is installation-wide: every station counts on the same days.
Admins change it; heads may look.
"""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_login import current_user

from ..access import roles_required
from ..extensions import db
from ..forms import EmptyForm
from ..i18n import gettext as _
from ..i18n import join_list, show_date
from ..rules import roles as R
from ..rules import workdays
from ..timeutil import local_today, station_tz
from . import service
from .csv_import import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_BYTES,
    SPILL_DAYS,
    CsvImportError,
    parse,
    split_for_year,
)
from .forms import KIND_LABELS, CheckForm, DayForm, ImportForm
from .warning import calendar_warning

bp = Blueprint("calendar", __name__, url_prefix="/admin/calendar")


@bp.app_context_processor
def _inject_warning() -> dict[str, object]:
    return {"calendar_warning": calendar_warning()}


def _today() -> date:
    return local_today(station_tz())


def _chosen_year() -> int:
    year = request.args.get("year", type=int)
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else _today().year


@bp.route("/")
@roles_required(R.ADMIN, R.HEAD)
def index() -> ResponseReturnValue:
    """One year's local overrides, the years' status and (for admins) the forms."""
    return _page(_chosen_year())


def _page(
    year: int, day_form: DayForm | None = None, import_form: ImportForm | None = None
) -> ResponseReturnValue:
    today = _today()
    check_form = CheckForm(request.args)
    check = _check(check_form) if "day" in request.args and check_form.validate() else None
    days = [(row, format_date(row.day, "EEE")) for row in service.overrides_of(year)]
    return render_template(
        "calendar/index.html",
        year=year,
        days=days,
        statuses=service.year_statuses(range(today.year - 1, today.year + 2)),
        can_edit=current_user.has_role(R.ADMIN),
        day_form=day_form or DayForm(formdata=None, day=date(year, 1, 1)),
        import_form=import_form or ImportForm(formdata=None, year=_import_year(year, today)),
        check_form=check_form,
        check=check,
        kind_labels=KIND_LABELS,
        spill_days=SPILL_DAYS,
        action_form=EmptyForm(),
    ), (400 if (day_form and day_form.errors) or (import_form and import_form.errors) else 200)


def _import_year(shown: int, today: date) -> int:
    """The year the import form suggests: the shown one, or next year's once it is due."""
    due = today >= date(today.year, 11, 1) and not workdays.year_confirmed(today.year + 1)
    return today.year + 1 if shown == today.year and due else shown


def _check(form: CheckForm) -> dict[str, object] | None:
    day = form.day.data
    # Beyond these years no deadline is ever counted, and near 9999 the count overflows.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        form.day.errors.append(
            _("Choose a date between %(a)d and %(b)d.", a=FIRST_YEAR, b=LAST_YEAR)
        )
        return None
    calendar = workdays.current_calendar()
    return {
        "day": day,
        "workday": calendar.is_workday(day),
        "plus3": calendar.due_date(day, 3, "workdays"),
        "plus15": calendar.due_date(day, 15, "days"),
        "confirmed": calendar.range_confirmed(day, calendar.due_date(day, 15, "days")),
    }


@bp.route("/day", methods=["POST"])
@roles_required(R.ADMIN)
def save_day() -> ResponseReturnValue:
    """Add or change one day's override."""
    form = DayForm()
    if not form.validate_on_submit():
        return _page(_chosen_year(), day_form=form)
    day = form.day.data
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        form.day.errors.append(
            _("Choose a date between %(a)d and %(b)d.", a=FIRST_YEAR, b=LAST_YEAR)
        )
        return _page(_chosen_year(), day_form=form)
    if service.save_day(day, form.kind.data, (form.name.data or "").strip()):
        db.session.commit()
        flash(_("%(date)s has been saved.", date=show_date(day)), "success")
    else:
        flash(_("Nothing changed: %(date)s already says that.", date=show_date(day)))
    return redirect(url_for(".index", year=day.year))


@bp.route("/day/<day>/remove", methods=["POST"])
@roles_required(R.ADMIN)
def remove_day(day: str) -> ResponseReturnValue:
    """Remove one day's override: the day counts as the official data says again."""
    try:
        when = date.fromisoformat(day)
    except ValueError:
        abort(404)
    if EmptyForm().validate_on_submit() and service.remove_day(when):
        db.session.commit()
        flash(_("The change to %(date)s has been removed.", date=show_date(when)))
    else:
        flash(_("%(date)s had no local change.", date=show_date(when)), "warning")
    return redirect(url_for(".index", year=when.year))


@bp.route("/import", methods=["POST"])
@roles_required(R.ADMIN)
def import_csv() -> ResponseReturnValue:
    """Import one year's official schedule: replaces that year's overrides and confirms it.

    Days the schedule lists in the neighbouring years are saved one by one.
    """
    form = ImportForm()
    if not form.validate_on_submit():
        return _page(_chosen_year(), import_form=form)
    year, upload = form.year.data, form.file.data
    try:
        days = parse(upload.read(MAX_BYTES + 1))  # one byte more, so that parse can refuse
        own, spill = split_for_year(days, year)
    except CsvImportError as exc:
        form.file.errors.append(_("Nothing was imported. %(reason)s", reason=str(exc)))
        return _page(_chosen_year(), import_form=form)
    service.import_days(year, own, spill, by=current_user.username, filename=upload.filename or "")
    db.session.commit()
    flash(_("Imported %(n)d days; %(year)d is confirmed.", n=len(own), year=year), "success")
    if spill:
        shown = join_list(show_date(d.day) for d in sorted(spill, key=lambda d: d.day))
        flash(
            _(
                "Also saved as single-day changes: %(days)s. Their years keep their other "
                "changes and are not confirmed by this import.",
                days=shown,
            )
        )
    return redirect(url_for(".index", year=year))


@bp.route("/year/<int:year>/confirm", methods=["POST"])
@roles_required(R.ADMIN)
def confirm_year(year: int) -> ResponseReturnValue:
    """Mark a year whose schedule was entered by hand as confirmed."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    if EmptyForm().validate_on_submit() and service.confirm_year(year, by=current_user.username):
        db.session.commit()
        flash(_("%(year)d is now confirmed.", year=year), "success")
    else:
        flash(_("%(year)d was already confirmed.", year=year))
    return redirect(url_for(".index", year=year))
