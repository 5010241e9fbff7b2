"""The case register's home-page panels: the head's lists, my cases' next steps, the county.

Each panel's template calls its function here, so that its queries run only on the page
that includes it (``station/main/views.py`` decides who sees which panel).
"""

from datetime import date, datetime

from flask_babel import format_date, format_datetime
from flask_login import current_user

from ..i18n import is_chinese
from ..timeutil import local_day, local_today, station_tz
from . import labels
from .attention import head_lists
from .county import county_figures
from .models import Case
from .next_steps import Step, holder_action, step, waits_for_head
from .views import bp


def holder_step(case: Case) -> Step | None:
    """The next step of a case in the user's own list, when the user may take it."""
    return step(current_user, case, holder_action(case))


@bp.app_context_processor
def _inject_home_panels() -> dict:
    return {
        "head_lists": head_lists,
        "holder_step": holder_step,
        "waits_for_head": waits_for_head,
        "county_figures": county_figures,
        "case_labels": labels,
    }


def _same_year(day: date) -> bool:
    return day.year == local_today(station_tz()).year


@bp.app_template_filter("short_date")
def short_date(value: date | None) -> str:
    """A date in a home-page row, without the year when it is this year's."""
    if value is None:
        return ""
    if is_chinese():
        return format_date(value, "M月d日" if _same_year(value) else "yyyy年M月d日")
    return format_date(value, "d MMM" if _same_year(value) else "d MMM yyyy")


@bp.app_template_filter("short_datetime")
def short_datetime(value: datetime | None) -> str:
    """A stored (UTC) moment in a home-page row, at the station, to the minute."""
    if value is None:
        return ""
    this_year = _same_year(local_day(value, station_tz()))
    if is_chinese():
        return format_datetime(value, "M月d日 HH:mm" if this_year else "yyyy年M月d日 HH:mm")
    return format_datetime(value, "d MMM HH:mm" if this_year else "d MMM yyyy HH:mm")
