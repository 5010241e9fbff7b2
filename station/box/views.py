"""The suggestion boxes at /box/: the list, a box's settings, its page (next due date,
openings, the cases they produced), recording an opening, and an opening's page.

Heads and admins manage the boxes' settings; clerks and heads record openings and see
what they produced. An admin never sees an item or a case."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from wtforms import SelectChoice

from ..access import acting_user, get_in_station_or_404, roles_required
from ..cases import labels
from ..confidential import gate
from ..extensions import db
from ..i18n import gettext as _
from ..rules import roles as R
from ..timeutil import local_today, station_tz
from . import service
from .forms import MAX_ITEMS, NOT_A_USER, ROWS_SHOWN, BoxForm, OpeningForm
from .models import BoxOpening, SuggestionBox

bp = Blueprint("box", __name__, url_prefix="/box")

SETTINGS = (R.HEAD, R.ADMIN)
CONTENT = (R.CLERK, R.HEAD)


def _station_id() -> int:
    if current_user.station_id is None:
        abort(403)  # the installation's admin has no station's boxes
    return current_user.station_id


@bp.route("/")
@roles_required(R.CLERK, R.HEAD, R.ADMIN)
def index() -> ResponseReturnValue:
    """The station's boxes, each with its next due date."""
    station_id = _station_id()
    boxes = service.boxes(station_id)
    return render_template(
        "box/index.html",
        rows=[(b, service.next_due(b)) for b in boxes],
        today=local_today(station_tz()),
        manages=current_user.has_role(*SETTINGS),
        sees_content=current_user.has_role(*CONTENT),
    )


def _box_form(station_id: int, box: SuggestionBox | None = None) -> BoxForm:
    form = BoxForm(obj=box) if box is not None and request.method == "GET" else BoxForm()
    form.openers.choices = [
        SelectChoice(u.id, u.display_name) for u in service.possible_openers(station_id)
    ]
    if box is not None and request.method == "GET":
        form.openers.data = [u.id for u in box.openers]
    return form


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*SETTINGS)
def new() -> ResponseReturnValue:
    """A new box: where it hangs, who opens it, how often."""
    station_id = _station_id()
    form = _box_form(station_id)
    if form.validate_on_submit():
        _save(None, station_id, form)
        flash(_("The box was added."), "success")
        return redirect(url_for("box.index"), code=303)
    return render_template("box/edit.html", form=form, box=None)


@bp.route("/<int:box_id>/settings", methods=["GET", "POST"])
@roles_required(*SETTINGS)
def edit(box_id: int) -> ResponseReturnValue:
    """A box's settings."""
    station_id = _station_id()
    box = get_in_station_or_404(SuggestionBox, box_id)
    form = _box_form(station_id, box)
    if form.validate_on_submit():
        _save(box, station_id, form)
        flash(_("The box's settings were saved."), "success")
        return redirect(url_for("box.index"), code=303)
    return render_template("box/edit.html", form=form, box=box)


def _save(box: SuggestionBox | None, station_id: int, form: BoxForm) -> None:
    service.save_box(
        box,
        station_id,
        place=form.place.data.strip(),
        interval_days=form.interval_days.data,
        active=form.active.data,
        opener_ids=form.openers.data or [],
        today=local_today(station_tz()),
    )
    db.session.commit()


@bp.route("/<int:box_id>")
@roles_required(*CONTENT)
def show(box_id: int) -> ResponseReturnValue:
    """A box: its next due date, its openings and the cases each produced."""
    box = get_in_station_or_404(SuggestionBox, box_id)
    history = [(o, service.cases_of(o)) for o in service.openings(box)]
    return render_template(
        "box/show.html",
        box=box,
        due=service.next_due(box),
        today=local_today(station_tz()),
        history=history,
        **_case_helpers(),
    )


def _case_helpers() -> dict:
    return {
        "may_open": lambda case: gate.may_open(current_user, case),
        "kind_labels": labels.KIND,
        "status_labels": labels.STATUS,
    }


def _opening_form(box: SuggestionBox) -> OpeningForm:
    form = OpeningForm()
    form.opener.choices = [SelectChoice(u.id, u.display_name) for u in box.openers]
    form.witness.choices = [SelectChoice(NOT_A_USER, _("Not a user: name below"))] + [
        SelectChoice(str(u.id), u.display_name) for u in service.station_users(box.station_id)
    ]
    return form


@bp.route("/<int:box_id>/open", methods=["GET", "POST"])
@roles_required(*CONTENT)
def record(box_id: int) -> ResponseReturnValue:
    """Record an opening and its items, each of which becomes a case, in one form."""
    box = get_in_station_or_404(SuggestionBox, box_id)
    form = _opening_form(box)
    if request.method == "GET":
        form.opened_on.data = local_today(station_tz())
        wanted = min(max(request.args.get("rows", ROWS_SHOWN, type=int), ROWS_SHOWN), MAX_ITEMS)
        while len(form.items) < wanted:
            form.items.append_entry()
        return _record_page(form, box)
    if not form.validate_on_submit() or not _rows_ok(form):
        return _record_page(form, box, failed=True)
    try:
        opening, made = service.record_opening(
            box,
            acting_user(),
            opened_on=form.opened_on.data,
            opener_id=form.opener.data,
            witness=_witness(form),
            item_count=form.item_count.data,
            items=[row.item() for row in form.filled_rows()],
            tz=station_tz(),
        )
    except service.OpeningRefused as refused:
        db.session.rollback()
        for name, message in refused.errors.items():
            form[name].errors = [*form[name].errors, message]
        return _record_page(form, box, failed=True)
    db.session.commit()
    flash(
        _("The opening was recorded; %(count)s cases were registered.", count=len(made)),
        "success",
    )
    return redirect(url_for("box.opening", opening_id=opening.id), code=303)


def _rows_ok(form: OpeningForm) -> bool:
    ok = True
    for row in form.filled_rows():
        for field, message in row.row_errors():
            field.errors = [*field.errors, message]
            ok = False
    return ok


def _witness(form: OpeningForm) -> service.Witness:
    chosen = form.witness.data or NOT_A_USER
    if chosen != NOT_A_USER and chosen.isdigit():
        return service.Witness(user_id=int(chosen))
    return service.Witness(name=(form.witness_name.data or "").strip())


def _record_page(form: OpeningForm, box: SuggestionBox, failed: bool = False):
    status = 400 if failed else 200
    return (
        render_template(
            "box/record.html",
            form=form,
            box=box,
            failed=failed,
            more_rows=min(len(form.items) + ROWS_SHOWN, MAX_ITEMS),
        ),
        status,
    )


@bp.route("/openings/<int:opening_id>")
@roles_required(*CONTENT)
def opening(opening_id: int) -> ResponseReturnValue:
    """An opening: when, who, the witness, and the cases its items became; a report shows
    only as "转保密处理" to whoever may not open it."""
    opening = get_in_station_or_404(BoxOpening, opening_id)
    return render_template(
        "box/opening.html",
        opening=opening,
        cases=service.cases_of(opening),
        **_case_helpers(),
    )
