"""The closed loop's legality, written down by hand: every state × every action.

Each entry is the state the action leads to, ``=`` when it stays, ``-`` when the
action is refused (``IllegalMove``). The first table holds with nothing pending;
the others list only what a pending review, transfer or extension changes.
"""

import pytest

from station.rules import workflow
from station.rules.workflow import STATES, Facts, IllegalMove

ABBREVIATIONS = {
    "reg": "registered",
    "acc": "accepted",
    "inp": "in_progress",
    "rep": "replied",
    "fup": "followed_up",
    "clo": "closed",
    "arc": "archived",
}
# action              reg acc inp rep fup clo arc
NOTHING_PENDING = {
    "accept":            "acc -   -   -   -   -   -",
    "answer_on_spot":    "clo -   -   -   -   -   -",
    "assign":            "=   =   =   -   -   -   -",
    "transfer":          "-   inp inp -   -   -   -",
    "transfer_result":   "-   -   -   -   -   -   -",
    "submit_review":     "-   =   =   -   -   -   -",
    "review_instruction": "-  -   -   -   -   -   -",
    "note":              "=   =   =   =   =   =   -",
    "remind":            "=   =   =   -   -   -   -",
    "request_extension": "=   =   =   -   -   -   -",
    "decide_extension":  "-   -   -   -   -   -   -",
    "reply":             "-   rep rep -   -   -   -",
    "follow_up":         "-   -   -   fup -   -   -",
    "close":             "-   -   -   -   clo -   -",
    "reopen_appeal":     "-   -   -   -   clo clo -",
    "archive":           "-   -   -   -   -   arc -",
}  # fmt: skip
REVIEW = {
    "submit_review":     "-   -   -   -   -   -   -",
    "review_instruction": "-  =   =   -   -   -   -",
}  # fmt: skip
TRANSFER = {
    "transfer_result":   "-   =   =   -   -   -   -",
}  # fmt: skip
EXTENSION = {
    "request_extension": "-   -   -   -   -   -   -",
    "decide_extension":  "=   =   =   -   -   -   -",
}  # fmt: skip
FACTS = [
    (Facts(), {}),
    (Facts(review_pending=True), REVIEW),
    (Facts(transfer_open=True), TRANSFER),
    (Facts(extension_pending=True), EXTENSION),
    (
        Facts(review_pending=True, transfer_open=True, extension_pending=True),
        {**REVIEW, **TRANSFER, **EXTENSION},
    ),
]


def _entry(cell: str, state: str) -> str | None:
    """The state after the move, or None when it is refused."""
    if cell == "-":
        return None
    return state if cell == "=" else ABBREVIATIONS[cell]


def test_the_table_has_every_action_and_every_state():
    assert sorted(NOTHING_PENDING) == sorted(workflow.MOVES)
    assert list(ABBREVIATIONS.values()) == list(STATES)


@pytest.mark.parametrize(("facts", "changes"), FACTS)
@pytest.mark.parametrize("action", sorted(NOTHING_PENDING))
def test_every_action_in_every_state(action, facts, changes):
    cells = changes.get(action, NOTHING_PENDING[action]).split()
    for state, cell in zip(STATES, cells, strict=True):
        expected = _entry(cell, state)
        assert workflow.can(action, state, facts) is (expected is not None), state
        assert (action in workflow.allowed_actions(state, facts)) is (expected is not None)
        if expected is None:
            with pytest.raises(IllegalMove):
                workflow.next_state(action, state, facts)
        else:
            assert workflow.next_state(action, state, facts) == expected, state
