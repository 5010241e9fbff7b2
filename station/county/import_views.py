"""``/county/import``: the summary files of the stations that run alone, and their keys.
County users and installation admins (docs/domain.md "The county's view")."""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..access import roles_required
from ..extensions import db
from ..i18n import gettext as _
from ..rules import roles as R
from . import imports
from .forms import FILE_MAX, ImportForm, RegisterForm
from .views import bp

# The installation's own admin too (a county server's); a station's admin is refused.
IMPORTERS = (R.COUNTY, R.ADMIN)


def _page(import_form=None, register_form=None, results=(), code=200) -> ResponseReturnValue:
    return (
        render_template(
            "county/import.html",
            import_form=import_form or ImportForm(),
            register_form=register_form or RegisterForm(),
            stations=imports.remote_stations(),
            recent=imports.recent(),
            results=results,
        ),
        code,
    )


@bp.route("/import", methods=["GET"])
@roles_required(*IMPORTERS, installation_only=True)
def imports_page() -> ResponseReturnValue:
    return _page()


def _read(upload) -> bytes | None:
    data = upload.read(FILE_MAX + 1)
    return None if len(data) > FILE_MAX else data


@bp.route("/import", methods=["POST"])
@roles_required(*IMPORTERS, installation_only=True)
def import_files() -> ResponseReturnValue:
    form = ImportForm()
    uploads = [f for f in (form.files.data or []) if getattr(f, "filename", "")]
    if not form.validate_on_submit() or not uploads:
        flash(_("Choose one or more summary files to import."), "error")
        return _page(import_form=form, code=400)
    results = []
    for upload in uploads:
        results.append((upload.filename, *_import_one(_read(upload))))
    return _page(results=results, code=200 if all(ok for _n, ok, _m in results) else 400)


def _import_one(content: bytes | None) -> tuple[bool, str]:
    """Each file on its own: one refused leaves the others imported."""
    if content is None:
        return False, str(imports.REASON_MESSAGES[imports.signing.NOT_SUMMARY])
    try:
        row = imports.import_file(content, current_user)
    except imports.Refused as refused:
        db.session.rollback()
        return False, str(refused.message)
    db.session.commit()
    message = _(
        "%(station)s's summary of %(month)s, version %(version)d, is imported.",
        station=row.station.name,
        month=row.month,
        version=row.version,
    )
    return True, message


@bp.route("/stations", methods=["POST"])
@roles_required(*IMPORTERS, installation_only=True)
def register_station() -> ResponseReturnValue:
    form = RegisterForm()
    if not form.validate_on_submit():
        return _page(register_form=form, code=400)
    upload = form.key_file.data
    pem = upload.read(FILE_MAX) if upload and getattr(upload, "filename", "") else None
    try:
        station = imports.register(
            form.name.data, pem=pem, typed=form.fingerprint.data or "", by=current_user
        )
    except imports.Refused as refused:
        db.session.rollback()
        flash(str(refused.message), "error")
        return _page(register_form=form, code=400)
    db.session.commit()
    flash(_("%(name)s is registered: its summary files can be imported.", name=station.name))
    return redirect(url_for("county.imports_page"))
