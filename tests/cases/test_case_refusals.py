"""Refused actions on the case page: illegal moves and bad input change nothing and say why."""

from datetime import timedelta

import pytest
from case_helpers import act, case_state, local_now, make_case, move_to
from helpers import field_errors, notices, say, text

ILLEGAL = [
    # (state the case is in, action tried, fields, the message the user reads)
    (
        "accepted",
        "close",
        {"note": "办结"},
        "This case cannot be closed before the reply and the follow-up call.",
    ),
    (
        "accepted",
        "follow_up",
        {"satisfaction": "satisfied"},
        "The follow-up call can only be made after the reply.",
    ),
    (
        "followed_up",
        "archive",
        {"year": "2026", "volume": "1"},
        "A case can only be archived after it has been closed.",
    ),
    (
        "registered",
        "reply",
        {"method": "phone", "content": "已答复"},
        "A reply can only be given once the case has been accepted.",
    ),
]


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(("state", "action", "fields", "message"), ILLEGAL)
def test_an_illegal_move_is_refused_with_a_message_and_changes_nothing(
    app, client, auth, state, action, fields, message, htmx
):
    ref = make_case(app)
    move_to(app, ref, state)
    before = case_state(app, ref)
    auth.login("head")
    response = act(client, ref, action, htmx=htmx, **fields)
    assert response.status_code == 409
    assert say(app, message) in notices(response)
    assert case_state(app, ref) == before
    if htmx:  # the region still replaces itself so that the message is seen
        assert response.headers["X-Swap-On-Error"] == "1"
        assert "<html" not in text(response)


def test_an_action_no_longer_possible_says_what_the_case_is(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "replied")
    auth.login("clerk")
    response = act(client, ref, "accept", contacted_at="2026-01-01T10:00")
    assert response.status_code == 409
    expected = say(
        app,
        "%(action)s is no longer possible: the case is %(status)s.",
        action=say(app, "Accept"),  # the verb on its button, not the timeline's "Accepted"
        status=say(app, "Replied"),
    )
    assert expected in notices(response)


def test_a_second_pending_extension_request_is_refused(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    new_due = (case_state(app, ref)["due_reply"] + timedelta(days=9)).isoformat()
    auth.login("clerk")
    assert act(client, ref, "request_extension", reason="复杂", new_due=new_due).status_code == 303
    response = act(client, ref, "request_extension", reason="再次", new_due=new_due)
    assert response.status_code == 409
    assert say(app, "An extension request is already waiting for the head's decision.") in (
        notices(response)
    )


def _stamp(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


BAD_INPUT = [
    ("accept", {"contacted_at": "future"}, "The time of first contact cannot be in the future."),
    (
        "accept",
        {"contacted_at": "before"},
        "The first contact cannot be before the case was received.",
    ),
    ("accept", {"contacted_at": "not a time"}, None),
    ("note", {"text": "   "}, None),  # WTForms' own messages (in the user's language)
    ("note", {"text": "长" * 5001}, None),
]


@pytest.mark.parametrize(("action", "fields", "error"), BAD_INPUT)
def test_bad_input_shows_the_form_again_and_saves_nothing(app, client, auth, action, fields, error):
    now = local_now(app)
    ref = make_case(app, received_local=now - timedelta(hours=2))
    moments = {"future": now + timedelta(hours=2), "before": now - timedelta(days=2)}
    fields = {k: _stamp(moments[v]) if v in moments else v for k, v in fields.items()}
    before = case_state(app, ref)
    auth.login("clerk")
    for htmx in (False, True):
        response = act(client, ref, action, htmx=htmx, **fields)
        assert response.status_code == 200  # htmx swaps it in: the errors are seen
        errors = field_errors(response)
        assert errors and (error is None or say(app, error) in errors)
        assert say(app, "Please correct the marked fields.") in notices(response)
    assert case_state(app, ref) == before


def test_a_transfer_due_in_the_past_is_refused(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    yesterday = (local_now(app).date() - timedelta(days=1)).isoformat()
    auth.login("clerk")
    response = act(client, ref, "transfer", unit="线路班", request="查线", due=yesterday)
    assert say(app, "The due date cannot be in the past.") in field_errors(response)
    assert case_state(app, ref)["status"] == "accepted"


@pytest.mark.parametrize("action", ["transfer", "request_extension"])
def test_a_date_that_is_not_a_date_is_refused(app, client, auth, action):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    auth.login("clerk")
    response = act(client, ref, action, unit="班", request="查", reason="因", due="x", new_due="x")
    assert response.status_code == 200 and field_errors(response)
    assert case_state(app, ref)["events"] == ["registered", "accept"]


def test_an_extension_to_a_date_not_later_is_refused(app, client, auth):
    ref = make_case(app)
    move_to(app, ref, "accepted")
    same = case_state(app, ref)["due_reply"].isoformat()
    auth.login("clerk")
    response = act(client, ref, "request_extension", reason="复杂", new_due=same)
    assert say(app, "The new date must be later than the present deadline.") in (
        field_errors(response)
    )
    assert case_state(app, ref)["events"] == ["registered", "accept"]


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("transfer", {"unit": "线路班", "request": "查线"}),
        ("request_extension", {"reason": "情况复杂"}),
    ],
)
def test_a_due_date_years_ahead_is_refused(app, client, auth, action, fields):
    """A slip of the keyboard (2062 for 2026) is caught, not saved as a deadline."""
    ref = make_case(app)
    move_to(app, ref, "accepted")
    far = (local_now(app).date() + timedelta(days=400)).isoformat()
    auth.login("clerk")
    response = act(client, ref, action, due=far, new_due=far, **fields)
    assert say(app, "Choose a date within a year from today.") in field_errors(response)
    assert case_state(app, ref)["events"] == ["registered", "accept"]


def test_an_assignee_of_another_station_is_not_accepted(app, client, auth):
    from conftest import user_id

    ref = make_case(app)
    auth.login("head")
    response = act(client, ref, "assign", assignee=str(user_id(app, "b_clerk")))
    assert response.status_code == 200
    assert field_errors(response)
    assert case_state(app, ref)["assignee_id"] is None


def test_an_unknown_action_is_not_found_and_get_is_not_allowed(app, client, auth):
    ref = make_case(app)
    auth.login("head")
    assert client.post(f"/cases/{ref}/act/delete").status_code == 404
    assert client.get(f"/cases/{ref}/act/note").status_code == 405
