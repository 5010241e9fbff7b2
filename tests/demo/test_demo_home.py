"""The demo shows the home pages: every list of the head's has a row, the clerk has next
steps, the county has figures; on a working day and on a Sunday alike."""

import re
from datetime import datetime

import pytest
from test_demo import demo_password, load

from station.demo.world import DEMO_STATION
from station.timeutil import clock_at, to_utc

_LIST = re.compile(
    r'<section class="head-list head-list-([a-z_]+)".*?<span class="count">(\d+)</span>', re.S
)
LISTS = ["late", "due_today", "review", "extension", "close", "unassigned"]
_GROUP = re.compile(
    r'<li class="board-count board-count-([a-z_]+)[^"]*">.*?<strong class="count">(\d+)', re.S
)
GROUPS = ["late", "due_today", "amber", "on_track"]


def home(app, output: str, username: str, path: str = "/") -> str:
    client = app.test_client()
    login = {"username": username, "password": demo_password(output, username)}
    assert client.post("/login", data=login).status_code == 302
    return client.get(path).get_data(as_text=True)


def board_counts(body: str) -> dict[str, int]:
    return {key: int(n) for key, n in _GROUP.findall(body) if key != "total"}


def head_counts(body: str) -> dict[str, int]:
    return {key: int(n) for key, n in _LIST.findall(body)}


def test_every_list_of_the_head_has_a_row(app, runner):
    output = load(app, runner)
    body = home(app, output, "zhaojun")
    counts = head_counts(body)
    assert list(counts) == LISTS
    assert [key for key, n in counts.items() if n == 0] == []
    # one review was submitted after its clock had run out, the other in time
    reviews = body[body.index('id="home-review"') : body.index('id="home-extension"')]
    assert reviews.count('class="badge submitted-late"') == 1
    groups = board_counts(home(app, output, "zhaojun", "/board"))
    assert list(groups) == GROUPS and [key for key, n in groups.items() if n == 0] == []


@pytest.mark.parametrize("moment", [datetime(2026, 3, 8, 10, 0), datetime(2026, 3, 9, 8, 0)])
def test_on_a_sunday_and_first_thing_on_monday_too(app, runner, moment):
    with clock_at(to_utc(moment, app.config["STATION_TIMEZONE"])):
        output = load(app, runner)
        counts = head_counts(home(app, output, "zhaojun"))
        groups = board_counts(home(app, output, "zhaojun", "/board"))
    assert [key for key, n in counts.items() if n == 0] == []
    assert list(groups) == GROUPS and [key for key, n in groups.items() if n == 0] == []


def test_the_clerk_has_next_steps_and_the_county_figures(app, runner):
    output = load(app, runner)
    assert 'class="step-link"' in home(app, output, "wangfang")
    county = home(app, output, "county")
    assert f'<th scope="row">{DEMO_STATION}</th>' in county
