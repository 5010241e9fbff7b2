"""Who may open a case and who may take which action on it. No Flask here.

docs/domain.md "Who uses it": clerks register and handle the cases assigned to them;
the head sees everything, assigns, reminds, rules on reviews and extensions and
closes, but does not submit a case for his own review; reports (举报) are confidential:
until the confidentiality work lands, only the head and the inspector open them.
County staff and administrators see no case content by those roles alone.

Where a report names the head as a person reported, the station's inspector decides on
it in the head's stead (``in_head_stead``): whether that is so is a fact about the
report's exclusions, which only the confidentiality gate knows (``gate.may_act``).
"""

from typing import Protocol

from ..rules import roles as R
from ..rules.vocab import CONFIDENTIAL_KINDS

CONFIDENTIAL_READERS = (R.HEAD, R.INSPECTOR)

HEAD_ONLY = frozenset({"assign", "remind", "review_instruction", "decide_extension", "close"})
DESK = frozenset({"accept", "answer_on_spot", "archive"})  # any clerk or the head
NOT_THE_HEAD = frozenset({"submit_review"})  # the head would submit the case to himself


class UserLike(Protocol):
    id: int
    station_id: int | None

    def has_role(self, *names: str) -> bool: ...


class CaseLike(Protocol):
    station_id: int
    kind: str
    assignee_id: int | None


def reads_confidential(user: UserLike) -> bool:
    return user.has_role(*CONFIDENTIAL_READERS)


def can_open(user: UserLike, case: CaseLike) -> bool:
    if user.station_id is None or user.station_id != case.station_id:
        return False
    if not user.has_role(*R.STATION_ROLES):
        return False
    return case.kind not in CONFIDENTIAL_KINDS or reads_confidential(user)


def may_hold(user: UserLike, case: CaseLike) -> bool:
    """Whether the case may be assigned to ``user``: a clerk or the head, for a report
    only those who may read it (a clerk could not open it, and it would lie unhandled)."""
    if user.station_id is None or user.station_id != case.station_id:
        return False
    if case.kind in CONFIDENTIAL_KINDS:
        return reads_confidential(user)
    return user.has_role(R.CLERK, R.HEAD)


def decides_as_head(user: UserLike, case: CaseLike, in_head_stead: bool = False) -> bool:
    """Whether ``user`` takes the head's part on ``case``: the head, or on a report whose
    head is excluded (``in_head_stead``) its inspector."""
    if user.has_role(R.HEAD):
        return True
    return in_head_stead and case.kind in CONFIDENTIAL_KINDS and user.has_role(R.INSPECTOR)


def may(user: UserLike, action: str, case: CaseLike, *, in_head_stead: bool = False) -> bool:
    """Whether ``user`` may take ``action`` on ``case`` (the state is checked elsewhere).

    ``in_head_stead``: the case is a report whose head is excluded, so that its inspector
    assigns, reminds, rules on reviews and extensions and closes, and (like the head)
    submits nothing for a review nobody else could give."""
    if not can_open(user, case):
        return False
    if decides_as_head(user, case, in_head_stead):
        return action not in NOT_THE_HEAD
    if action in HEAD_ONLY:
        return False
    if case.kind in CONFIDENTIAL_KINDS:
        return user.has_role(R.INSPECTOR)
    if not user.has_role(R.CLERK):
        return False
    if action in DESK:
        return True
    return case.assignee_id is None or case.assignee_id == user.id
