"""Lockout per account and address, and the same work for every refusal.

Five wrong passwords lock an account from that address only; twenty failures
from one address, whatever the names, lock the address. /password's current
password counts too. Every refusal runs the password hash once.
"""

import pytest
from clock import Clock
from conftest import PASSWORD
from helpers import audit_actions, failure_message, field_errors, get_user, notices, say

from station.auth import service

DESK = "10.0.0.5"
TABLET = "10.0.0.6"
NEW_PASSWORD = "a-new-password-of-mine"


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def hashes(monkeypatch):
    """How many times the password hash ran."""
    calls = []
    real = service.check_password_hash

    def spy(stored: str, password: str) -> bool:
        calls.append(stored)
        return real(stored, password)

    monkeypatch.setattr(service, "check_password_hash", spy)
    return calls


def at(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def login(client, username: str, password: str = PASSWORD):
    return client.post("/login", data={"username": username, "password": password})


def logged_in(response) -> bool:
    return response.status_code == 302


def fail(client, username: str, times: int) -> None:
    for _ in range(times):
        assert not logged_in(login(client, username, "not-the-password"))


def test_every_refusal_runs_the_hash_once(app, hashes):
    desk = at(app, DESK)
    fail(desk, "clerk", 5)  # clerk is now locked from the desk
    cases = {
        "locked, right password": ("clerk", PASSWORD),
        "locked, wrong password": ("clerk", "not-the-password"),
        "unknown": ("nobody", "not-the-password"),
        "wrong password": ("head", "not-the-password"),
    }
    for case, (username, password) in cases.items():
        hashes.clear()
        response = login(desk, username, password)
        assert len(hashes) == 1, case
        assert notices(response) == [failure_message(app)], case


def test_an_inactive_account_runs_the_hash_too(app, hashes):
    from helpers import update_user

    update_user(app, "clerk", active=False)
    hashes.clear()
    assert not logged_in(login(at(app, DESK), "clerk"))
    assert len(hashes) == 1


def test_five_wrong_passwords_lock_the_account_from_that_address_only(app):
    desk, tablet = at(app, DESK), at(app, TABLET)
    fail(desk, "head", 5)
    assert not logged_in(login(desk, "head"))
    assert logged_in(login(tablet, "head"))  # the head is not locked out everywhere
    assert logged_in(login(at(app, DESK), "clerk"))  # nor is anyone else at the desk
    assert audit_actions(app, "head") == ["login_failed"] * 5 + [
        "lockout",
        "login_refused_locked",
        "login",
    ]


def test_twenty_failures_from_one_address_lock_it_for_every_account(app):
    desk = at(app, DESK)
    for username in ("clerk", "inspector", "admin", "nobody"):
        fail(desk, username, 4)  # none of them five: no account is locked
    fail(desk, "b_clerk", 3)  # 19
    assert logged_in(login(at(app, DESK), "b_head"))  # a login does not reset the address
    fail(desk, "somebody", 1)  # 20
    refused = login(at(app, DESK), "b_inspector")
    assert not logged_in(refused)
    assert notices(refused) == [failure_message(app)]
    assert logged_in(login(at(app, TABLET), "b_inspector"))
    assert audit_actions(app, DESK) == ["address_locked"]


@pytest.mark.parametrize("username", ["head", "nosuchuser"])
def test_twenty_tries_on_one_name_lock_the_address_whether_it_exists_or_not(app, username):
    """Else the address lock would tell a real name (locked after five, its later refusals
    not counted) from an unknown one."""
    fail(at(app, DESK), username, 20)
    assert not logged_in(login(at(app, DESK), "clerk"))  # the address is locked either way
    assert logged_in(login(at(app, TABLET), "clerk"))


def test_locks_last_15_minutes(app, clock):
    desk = at(app, DESK)
    for username in ("clerk", "inspector", "admin", "nobody"):
        fail(desk, username, 5)  # four accounts locked from here, then the address
    clock.advance(minutes=14, seconds=59)
    assert not logged_in(login(desk, "head"))
    assert not logged_in(login(desk, "clerk"))
    clock.advance(seconds=1)
    assert logged_in(login(at(app, DESK), "head"))
    assert logged_in(login(at(app, DESK), "clerk"))


def test_failures_older_than_15_minutes_do_not_count(app, clock):
    desk = at(app, DESK)
    fail(desk, "clerk", 4)
    clock.advance(minutes=15)
    fail(desk, "clerk", 4)
    assert logged_in(login(desk, "clerk"))


def test_a_login_starts_the_accounts_count_over(app):
    desk = at(app, DESK)
    fail(desk, "clerk", 4)
    assert logged_in(login(desk, "clerk"))
    desk.post("/logout")
    fail(desk, "clerk", 4)
    assert logged_in(login(desk, "clerk"))
    desk.post("/logout")
    fail(desk, "clerk", 1)
    assert logged_in(login(desk, "clerk"))  # 4 + 1 since the last login: still open


def test_an_admins_unlock_lifts_the_lock_from_every_address(app):
    desk = at(app, DESK)
    fail(desk, "clerk", 5)
    assert get_user(app, "clerk").locked_until is not None  # the admin's page shows it
    admin = at(app, TABLET)
    login(admin, "admin")
    from conftest import user_id

    admin.post(f"/admin/users/{user_id(app, 'clerk')}/unlock")
    assert get_user(app, "clerk").locked_until is None
    assert logged_in(login(desk, "clerk"))


# --- /password --------------------------------------------------------------


def change(client, current: str):
    data = {"current": current, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    return client.post("/password", data=data)


def wrong_current_message(app) -> str:
    return say(
        app,
        "The current password is wrong. After %(n)d wrong tries an account is "
        "locked for %(m)d minutes.",
        n=5,
        m=15,
    )


def test_wrong_current_passwords_count_towards_the_lockout(app, hashes):
    desk = at(app, DESK)
    assert logged_in(login(desk, "clerk"))
    for _ in range(5):
        assert field_errors(change(desk, "not-my-password")) == [wrong_current_message(app)]
    hashes.clear()
    refused = change(desk, PASSWORD)  # the right one, but locked from here
    assert len(hashes) == 1
    assert refused.status_code == 200
    assert field_errors(refused) == [wrong_current_message(app)]
    assert get_user(app, "clerk").check_password(PASSWORD)  # unchanged
    assert not logged_in(login(at(app, DESK), "clerk"))
    assert logged_in(login(at(app, TABLET), "clerk"))
    assert audit_actions(app, "clerk")[1:7] == ["login_failed"] * 5 + ["lockout"]


def test_four_wrong_current_passwords_then_the_right_one_changes_it(app):
    desk = at(app, DESK)
    login(desk, "clerk")
    for _ in range(4):
        change(desk, "not-my-password")
    assert change(desk, PASSWORD).headers["Location"] == "/"
    assert get_user(app, "clerk").check_password(NEW_PASSWORD)
