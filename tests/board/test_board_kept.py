"""The board's refreshing part is rendered once and kept until a write commits
(station/changes.py): what changed shows at once, and one viewer's board is never served
to another, nor yesterday's today. "Today" is Wednesday 11 March 2026 (board_helpers)."""

from datetime import date, timedelta

from board_helpers import TODAY, counts, first_contact_due, groups, on
from conftest import AuthActions
from helpers import recorded_sql

HX = {"HX-Request": "true"}


def _board(client, url="/board", day=TODAY, **kwargs) -> str:
    with on(day):
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_case_registered_after_the_board_was_read_shows_at_once(app, client, auth):
    first = first_contact_due(app, date(2026, 3, 31), subject="期限还早")
    auth.login("clerk")
    assert groups(_board(client))["on_track"] == [first]
    assert groups(_board(client, headers=HX))["on_track"] == [first]
    today = first_contact_due(app, TODAY, subject="今天到期")
    assert groups(_board(client, headers=HX))["due_today"] == [today]
    assert groups(_board(client))["due_today"] == [today]


def test_the_heads_board_is_never_served_to_a_clerk_nor_the_wall(app, client, auth):
    report = first_contact_due(app, date(2026, 3, 9), kind="report", subject="举报某某")
    clerk = app.test_client()
    AuthActions(clerk).login("clerk")
    auth.login("head")  # both logged in before either reads: no write between the readings
    assert groups(_board(client))["late"] == [report]
    assert counts(_board(client, "/board?wall=1"))["late"] == 0  # not even counted there
    assert groups(_board(client))["late"] == [report]
    clerks = _board(clerk)
    assert groups(clerks)["late"] == [] and counts(clerks)["late"] == 1
    assert report not in _board(clerk, headers=HX)


def test_a_filter_has_a_board_of_its_own(app, client, auth):
    first_contact_due(app, TODAY, subject="今天到期")
    first_contact_due(app, TODAY, subject="今天到期的信", channel="letter")
    auth.login("clerk")
    assert counts(_board(client))["due_today"] == 2
    assert counts(_board(client, "/board?channel=letter"))["due_today"] == 1
    assert counts(_board(client))["due_today"] == 2


def test_the_next_day_the_cases_are_placed_again(app, client, auth):
    due = first_contact_due(app, TODAY, subject="今天到期")
    auth.login("clerk")
    assert groups(_board(client, headers=HX))["due_today"] == [due]
    assert groups(_board(client, headers=HX, day=TODAY + timedelta(days=1)))["late"] == [due]


def _statements(app, client) -> int:
    with recorded_sql(app) as seen:
        _board(client, headers=HX)
    return len(seen)


def test_asking_again_does_not_read_the_cases_again(app, client, auth):
    for day in (date(2026, 3, 9), TODAY, date(2026, 3, 31)):
        first_contact_due(app, day)
    auth.login("clerk")
    first, again = _statements(app, client), _statements(app, client)
    # The board reads the late, the current and the listed cases, their holders, the
    # duties and the calendar; what is left is the request's own (the session, the user,
    # the assignee filter's choices).
    assert first >= 10
    assert again <= 6, (first, again)
