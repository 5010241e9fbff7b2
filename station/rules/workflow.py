"""The closed loop as a state machine (docs/domain.md "The closed loop"). No Flask here.

registered → accepted → in_progress → replied → followed_up → closed → archived,
with answered-on-the-spot closing a registered case in one step. Actions that
keep the state (notes, reminders, transfers, review, extensions) are legal in
the states listed for them. The case page offers exactly ``allowed_actions``;
the services refuse anything else with ``IllegalMove``.
"""

from dataclasses import dataclass

REGISTERED = "registered"
ACCEPTED = "accepted"
IN_PROGRESS = "in_progress"
REPLIED = "replied"
FOLLOWED_UP = "followed_up"
CLOSED = "closed"
ARCHIVED = "archived"

STATES = (REGISTERED, ACCEPTED, IN_PROGRESS, REPLIED, FOLLOWED_UP, CLOSED, ARCHIVED)
OPEN_STATES = frozenset({REGISTERED, ACCEPTED, IN_PROGRESS, REPLIED, FOLLOWED_UP})
HANDLING = frozenset({ACCEPTED, IN_PROGRESS})
BEFORE_REPLY = frozenset({REGISTERED, ACCEPTED, IN_PROGRESS})


class IllegalMove(ValueError):
    """An action the case's state does not allow (closing before a reply, say)."""


@dataclass(frozen=True)
class Move:
    from_states: frozenset[str]
    to_state: str | None = None  # None: the state stays as it is


MOVES: dict[str, Move] = {
    "accept": Move(frozenset({REGISTERED}), ACCEPTED),
    "answer_on_spot": Move(frozenset({REGISTERED}), CLOSED),
    "assign": Move(BEFORE_REPLY),
    "transfer": Move(HANDLING, IN_PROGRESS),
    "transfer_result": Move(HANDLING),
    "submit_review": Move(HANDLING),
    "review_instruction": Move(HANDLING),
    "note": Move(OPEN_STATES | {CLOSED}),
    "remind": Move(BEFORE_REPLY),
    "request_extension": Move(BEFORE_REPLY),
    "decide_extension": Move(BEFORE_REPLY),
    "reply": Move(HANDLING, REPLIED),
    "follow_up": Move(frozenset({REPLIED}), FOLLOWED_UP),
    "close": Move(frozenset({FOLLOWED_UP}), CLOSED),
    "reopen_appeal": Move(frozenset({FOLLOWED_UP, CLOSED}), CLOSED),
    "archive": Move(frozenset({CLOSED}), ARCHIVED),
}


@dataclass(frozen=True)
class Facts:
    """What besides the state decides which actions make sense now."""

    review_pending: bool = False
    transfer_open: bool = False
    extension_pending: bool = False


# Actions that only make sense while something is pending, or while it is not.
_NEEDS = {
    "review_instruction": lambda f: f.review_pending,
    "submit_review": lambda f: not f.review_pending,
    "transfer_result": lambda f: f.transfer_open,
    "decide_extension": lambda f: f.extension_pending,
    "request_extension": lambda f: not f.extension_pending,
}


def can(action: str, state: str, facts: Facts = Facts()) -> bool:
    move = MOVES.get(action)
    if move is None or state not in move.from_states:
        return False
    condition = _NEEDS.get(action)
    return condition is None or condition(facts)


def allowed_actions(state: str, facts: Facts = Facts()) -> list[str]:
    """The actions to offer on the case page, in the order of the loop."""
    return [a for a in MOVES if can(a, state, facts)]


def next_state(action: str, state: str, facts: Facts = Facts()) -> str:
    """The state after ``action``; raises IllegalMove when the action is not allowed now."""
    if not can(action, state, facts):
        raise IllegalMove(f"{action} is not allowed in state {state}")
    return MOVES[action].to_state or state
