"""Deadline rules across the 2026 holidays, the traffic light, and paths round the loop.

The legality of every action in every state is the table of test_workflow.py.

Pure rules: no app, no database. Outside an app context ``workdays`` counts on
the official 2026 schedule (National Day 1-7 October with Saturday 10 October
worked, Spring Festival 15-23 February with Saturdays 14 and 28 February worked).
"""

from datetime import date

import pytest

from station.rules import deadlines, workflow
from station.rules.workdays import WorkCalendar
from station.rules.workflow import (
    ACCEPTED,
    ARCHIVED,
    CLOSED,
    FOLLOWED_UP,
    IN_PROGRESS,
    REGISTERED,
    REPLIED,
    STATES,
    Facts,
    IllegalMove,
)


def due(kind: str, received: date, importance: str = "general") -> deadlines.Deadlines:
    return deadlines.compute(received, deadlines.default_clocks(kind, importance))


# ---------------------------------------------------------------- default clocks


def test_complaint_before_national_day_is_due_on_the_adjusted_saturday():
    d = due("complaint", date(2026, 9, 30))  # Wednesday before the 1-7 October holiday

    assert d.contact == date(2026, 10, 8)
    assert d.reply == date(2026, 10, 10)  # Thursday 8, Friday 9, Saturday 10 (worked)
    assert d.reply.weekday() == 5


@pytest.mark.parametrize("received", [date(2026, 11, 20), date(2026, 11, 21)])
def test_complaint_received_friday_or_saturday_is_due_on_wednesday(received):
    d = due("complaint", received)

    assert d.reply == date(2026, 11, 25)
    assert d.reply.weekday() == 2
    assert d.contact == date(2026, 11, 23)  # the first working day after receipt


def test_complaint_close_counts_six_working_days():
    assert due("complaint", date(2026, 11, 20)).close == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (date(2026, 9, 16), date(2026, 10, 8)),  # day 15 is 1 October, a holiday
        (date(2026, 11, 6), date(2026, 11, 23)),  # day 15 is Saturday 21 November
        (date(2026, 11, 4), date(2026, 11, 19)),  # day 15 is a Thursday: no move
    ],
)
def test_consultation_fifteen_days_move_to_the_next_working_day(received, expected):
    assert due("consultation", received).reply == expected
    assert due("suggestion", received).reply == expected


def test_consultation_fifteen_days_may_end_on_an_adjusted_working_saturday():
    # 25 September + 15 = Saturday 10 October, a working day: it stays.
    assert due("consultation", date(2026, 9, 25)).reply == date(2026, 10, 10)


def test_report_five_working_days_over_spring_festival():
    d = due("report", date(2026, 2, 12))  # Thursday before the festival

    # Friday 13, Saturday 14 (worked), then 15-23 off, Tuesday 24, Wednesday 25, Thursday 26.
    assert d.reply == date(2026, 2, 26)
    assert d.close == date(2026, 2, 26)
    assert d.contact == date(2026, 2, 13)


def test_appeal_ten_working_days_over_labour_day():
    d = due("appeal", date(2026, 4, 30))

    # 1-5 May off, Saturday 9 May worked: 6, 7, 8, 9, 11, 12, 13, 14, 15, 18.
    assert d.reply == date(2026, 5, 18)
    assert d.close == date(2026, 5, 25)  # 15 working days


def test_review_clock_follows_importance():
    received = date(2026, 9, 30)
    assert due("complaint", received, "important").review == date(2026, 10, 8)
    assert due("complaint", received, "urgent").review == date(2026, 10, 8)
    assert due("complaint", received, "general").review == date(2026, 10, 10)


def test_a_policy_without_review_clock_gives_no_review_date():
    clocks = {**deadlines.default_clocks("complaint", "general"), "review": None}
    assert deadlines.compute(date(2026, 9, 30), clocks).review is None


def test_followup_three_working_days_after_the_reply():
    clocks = deadlines.default_clocks("complaint", "general")
    assert deadlines.followup_due(date(2026, 9, 30), clocks) == date(2026, 10, 10)


def test_every_kind_and_importance_has_a_full_default_row():
    for kind in ("complaint", "report", "consultation", "suggestion", "praise", "appeal"):
        for importance in ("general", "important", "urgent"):
            clocks = deadlines.default_clocks(kind, importance)
            assert set(clocks) == set(deadlines.CLOCK_NAMES)
            for clock in clocks.values():
                assert clock is not None and clock[0] >= 1 and clock[1] in ("workdays", "days")


def test_dates_in_2026_are_confirmed_and_in_an_unknown_year_are_not():
    assert deadlines.confirmed(date(2026, 10, 10))
    assert not deadlines.confirmed(date(2099, 1, 5))


# ---------------------------------------------------------------- traffic light

START = date(2026, 11, 2)
DUE = date(2026, 11, 6)  # four days: amber from day 3 (75%)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (START, deadlines.OK),  # 0% used
        (date(2026, 11, 4), deadlines.OK),  # 50%
        (date(2026, 11, 5), deadlines.WARN),  # 75%
        (DUE, deadlines.WARN),  # the due day itself is not late
        (date(2026, 11, 7), deadlines.LATE),  # after the due day
    ],
)
def test_light_while_open(today, expected):
    assert deadlines.light(START, DUE, today) == expected


def test_light_when_done_on_time_or_late_ignores_today():
    far = date(2027, 6, 1)
    assert deadlines.light(START, DUE, far, done_on=DUE) == deadlines.DONE
    assert deadlines.light(START, DUE, far, done_on=START) == deadlines.DONE
    assert deadlines.light(START, DUE, START, done_on=date(2026, 11, 9)) == deadlines.DONE_LATE


# ---------------------------------------------------------------- the loop

PENDING = [
    Facts(),
    Facts(review_pending=True),
    Facts(transfer_open=True),
    Facts(extension_pending=True),
    Facts(review_pending=True, transfer_open=True, extension_pending=True),
]


def test_unknown_action_is_never_allowed():
    for state in STATES:
        assert not workflow.can("delete", state)
        with pytest.raises(IllegalMove):
            workflow.next_state("delete", state)


@pytest.mark.parametrize("state", [REGISTERED, ACCEPTED, IN_PROGRESS])
def test_no_close_and_no_follow_up_before_a_reply(state):
    for facts in PENDING:
        assert not workflow.can("close", state, facts)
        assert not workflow.can("follow_up", state, facts)


def test_close_only_after_the_follow_up_call():
    assert not workflow.can("close", REPLIED)
    assert workflow.can("close", FOLLOWED_UP)
    assert workflow.next_state("close", FOLLOWED_UP) == CLOSED


def test_follow_up_only_after_the_reply():
    assert [s for s in STATES if workflow.can("follow_up", s)] == [REPLIED]


@pytest.mark.parametrize("state", [s for s in STATES if s != CLOSED])
def test_no_archive_before_close(state):
    assert not workflow.can("archive", state)


def test_archive_after_close():
    assert workflow.next_state("archive", CLOSED) == ARCHIVED


def test_answer_on_spot_only_from_registered_and_closes():
    assert [s for s in STATES if workflow.can("answer_on_spot", s)] == [REGISTERED]
    assert workflow.next_state("answer_on_spot", REGISTERED) == CLOSED


def test_an_archived_case_allows_nothing():
    for facts in PENDING:
        assert workflow.allowed_actions(ARCHIVED, facts) == []


def test_the_usual_path_round_the_loop():
    state = REGISTERED
    for action, expected in [
        ("accept", ACCEPTED),
        ("transfer", IN_PROGRESS),
        ("reply", REPLIED),
        ("follow_up", FOLLOWED_UP),
        ("close", CLOSED),
        ("archive", ARCHIVED),
    ]:
        state = workflow.next_state(action, state)
        assert state == expected


def test_reply_only_while_handling():
    assert [s for s in STATES if workflow.can("reply", s)] == [ACCEPTED, IN_PROGRESS]


def test_reopen_as_appeal_only_after_the_follow_up():
    assert [s for s in STATES if workflow.can("reopen_appeal", s)] == [FOLLOWED_UP, CLOSED]


def test_working_days_between_across_a_new_year():
    """After Wednesday 31 December 2025 up to Monday 5 January 2026: 1–3 January are off,
    Sunday 4 January is an adjusted working day, Monday 5 January a working day: 2; with the
    5th made a local day off, 1. Counted by year (the summary's cases late for years)."""
    assert WorkCalendar().workdays_between(date(2025, 12, 31), date(2026, 1, 5)) == 2
    local = WorkCalendar({date(2026, 1, 5): False})
    assert local.workdays_between(date(2025, 12, 31), date(2026, 1, 5)) == 1
    assert local.workdays_between(date(2026, 1, 5), date(2025, 12, 31)) == 0
