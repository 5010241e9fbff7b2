"""The banner while a year's official schedule is missing: on every page for admins, who
import it, and on the home page only for heads, who must know that far deadlines may move
but cannot act on it (a banner on every first screen of theirs would hide their work)."""

from flask import current_app, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from ..i18n import gettext as _
from ..i18n import join_list, ngettext
from ..rules import roles as R
from ..rules import workdays
from ..timeutil import local_today, station_tz


def calendar_warning() -> Markup | str | None:
    """The warning for the current user, or None when there is nothing to say."""
    if not current_user.is_authenticated or not current_user.has_role(R.ADMIN, R.HEAD):
        return None
    if not current_user.has_role(R.ADMIN) and request.endpoint != "main.index":
        return None
    try:
        years = workdays.needs_warning(local_today(station_tz()))
    except SQLAlchemyError:  # a page (an error page, say) must still render without the banner
        current_app.logger.exception("Calendar warning skipped")
        return None
    if not years:
        return None
    shown = join_list(years)
    text = ngettext(
        "The official holiday schedule for %(years)s has not been entered; deadlines in "
        "%(years)s count weekends and statutory holidays only and are marked unconfirmed. "
        "An administrator can import it under Calendar.",
        "The official holiday schedules for %(years)s have not been entered; deadlines in "
        "those years count weekends and statutory holidays only and are marked unconfirmed. "
        "An administrator can import them under Calendar.",
        len(years),
        years=shown,
    )
    if not current_user.has_role(R.ADMIN):
        return text
    link = url_for("calendar.index", year=years[-1])
    return Markup('{} <a href="{}">{}</a>').format(text, link, _("Open the calendar"))
