"""The one action a home-page row offers: what the user would do next on that case.

The head's lists and the clerk's panel link each row straight to an action of the case
page: ``/cases/<ref>/form/<action>``, the action named as in ``actions.py`` and
``workflow.MOVES``. The case page opens that action's form (and ignores a name it does
not offer now). A row offers only an action the state allows (``workflow.can``) and the
user may take (``gate.may_act``: ``permissions.may`` with a report's exclusions);
otherwise none, and the row links to the case.
"""

from dataclasses import dataclass
from typing import Any

from flask import url_for

from ..confidential import gate
from ..i18n import lazy_gettext as _l
from ..rules.workflow import (
    BEFORE_REPLY,
    FOLLOWED_UP,
    HANDLING,
    OPEN_STATES,
    REGISTERED,
    REPLIED,
    Facts,
    can,
)
from .models import Case
from .permissions import UserLike

# Short verbs for the rows' buttons (the case page's forms have longer submit labels).
LABEL = {
    "accept": _l("Accept"),
    "assign": _l("Assign"),
    "remind": _l("Remind"),
    "review_instruction": _l("Give the instruction"),
    "decide_extension": _l("Decide the extension"),
    "reply": _l("Reply"),
    "follow_up": _l("Follow-up call"),
    "close": _l("Close the case"),
}


@dataclass(frozen=True)
class Step:
    action: str
    url: str

    @property
    def label(self) -> Any:
        return LABEL[self.action]


def action_url(ref: str, action: str) -> str:
    """The case page with the form of ``action`` open (the page's own route for it)."""
    return url_for("cases.action_form", ref=ref, action=action)


def head_action(case: Case) -> str:
    """What the head does about a late or due case: rule on the review, close a followed-up
    case, call back a replied one, assign a case nobody holds, else remind its holder."""
    if case.status in HANDLING and case.review_pending:
        return "review_instruction"
    if case.status == FOLLOWED_UP:
        return "close"
    if case.status == REPLIED:
        return "follow_up"
    if case.status in BEFORE_REPLY and case.assignee_id is None:
        return "assign"
    return "remind"


def holder_action(case: Case) -> str:
    """The next move of the case's state for whoever holds it. The head's ones (the
    instruction, the close) give a clerk no link: ``step`` checks who may."""
    if case.status == REGISTERED:
        return "accept"
    if case.status in HANDLING:
        return "review_instruction" if case.review_pending else "reply"
    if case.status == REPLIED:
        return "follow_up"
    return "close"


WAITING_FOR_HEAD = {
    "review_instruction": _l("Waiting for the head's instruction"),
    "close": _l("Waiting for the head to close it"),
}


def waits_for_head(case: Case) -> Any:
    """What the case waits for when its next move is the head's (the instruction asked
    for, or the close), else None."""
    return WAITING_FOR_HEAD.get(holder_action(case)) if case.status in OPEN_STATES else None


def step(user: UserLike, case: Case, action: str | None, facts: Facts | None = None) -> Step | None:
    """The row's action link, when the move is legal now and the user may take it."""
    if action is None:
        return None
    known = facts or Facts(review_pending=case.review_pending)
    if not can(action, case.status, known) or not gate.may_act(user, action, case):
        return None
    return Step(action, action_url(case.ref, action))
