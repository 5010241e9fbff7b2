"""The case register's home-page panels: the head's lists, my cases' next steps, the county.

Each panel's template calls its function here, so that its queries run only on the page
that includes it (``station/main/views.py`` decides who sees which panel).
"""

from flask_login import current_user

from ..i18n import plain_vocabularies
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
        "case_labels": plain_vocabularies(labels),
    }
