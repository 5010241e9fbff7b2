"""Why a handling action is refused, in the user's language: too early, no longer
possible, something (not) pending, details that break a rule, or not this user's to take."""

from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..models import User
from ..rules import roles as R
from ..rules import workflow
from . import labels, permissions
from .actions import ActionError
from .forms import OPENERS
from .models import Case

# Why a move is refused while the case has not come that far yet.
_TOO_EARLY = {
    "transfer": _l("The case must be accepted before it is transferred."),
    "transfer_result": _l("The case must be accepted before a result is recorded."),
    "submit_review": _l("The case must be accepted before it goes to the head."),
    "review_instruction": _l("The case must be accepted before the head's instruction."),
    "reply": _l("A reply can only be given once the case has been accepted."),
    "follow_up": _l("The follow-up call can only be made after the reply."),
    "close": _l("This case cannot be closed before the reply and the follow-up call."),
    "reopen_appeal": _l("A case can only be reopened as an appeal after the follow-up call."),
    "archive": _l("A case can only be archived after it has been closed."),
}
# Why a move is refused although the state allows it: something is (not) pending.
_PENDING = {
    "review_instruction": _l("No review is waiting for the head's instruction."),
    "submit_review": _l("This case is already waiting for the head's review."),
    "transfer_result": _l("No transfer of this case is waiting for its result."),
    "decide_extension": _l("No extension request is waiting for a decision."),
    "request_extension": _l("An extension request is already waiting for the head's decision."),
}
_ERRORS = {
    "due_in_past": _l("The due date cannot be in the past."),
    "no_open_transfer": _l("No transfer of this case is waiting for its result."),
    "not_later": _l("The new date must be later than the present deadline."),
    "no_pending_extension": _l("No extension request is waiting for a decision."),
    "no_such_user": _l("Choose an active clerk or head of this station."),
}


def illegal(action: str, case: Case) -> str:
    """Why ``action`` cannot be taken on the case as it stands."""
    move = workflow.MOVES[action]
    if case.status in move.from_states:
        return str(_PENDING.get(action, _("This action is not possible now.")))
    here = workflow.STATES.index(case.status)
    earliest = min(workflow.STATES.index(s) for s in move.from_states)
    if here < earliest and action in _TOO_EARLY:
        return str(_TOO_EARLY[action])
    return _(
        "%(action)s is no longer possible: the case is %(status)s.",
        action=OPENERS.get(action, labels.ACTION[action]),  # the verb on its button: 办结
        status=labels.STATUS[case.status],
    )


def action_error(error: ActionError) -> str:
    code = str(error)
    return str(_ERRORS.get(code, _("This action is not possible now.")))


def not_permitted(user: User, action: str, case: Case) -> str:
    """Why this user may not take this action on this case."""
    if action in permissions.HEAD_ONLY and not user.has_role(R.HEAD):
        return _("Only the station head may do this.")
    if action in permissions.NOT_THE_HEAD and user.has_role(R.HEAD):
        return _("The head gives the instruction himself; there is no one to submit it to.")
    if case.assignee_id and case.assignee_id != user.id:
        return _(
            "This case is assigned to %(name)s; only they or the head may handle it.",
            name=case.assignee.display_name if case.assignee else "",
        )
    return _("Your role does not allow this action on this case.")
