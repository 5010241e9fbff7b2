"""Passwords the code stores are scrypt hashes; the fixtures' staff use a cheap one.

The fixtures' hash (conftest.PASSWORD_HASH) is pbkdf2 with one iteration, to keep
the suite fast; this is the one login that goes through scrypt end to end.
"""

from helpers import get_user, location_path, shown_password


def test_a_password_set_by_the_code_is_scrypt_and_logs_in(app, client, auth):
    auth.login("admin")
    response = client.post(
        "/admin/users/new", data={"username": "xiaoli", "name": "李小", "roles": ["clerk"]}
    )
    password = shown_password(response)
    stored = get_user(app, "xiaoli").password_hash
    assert stored.split(":")[0] == "scrypt"
    assert password not in stored
    auth.logout()
    assert location_path(auth.login("xiaoli", password)) == "/board"
    new_password = "another-long-passphrase-9"
    form = {"current": password, "new": new_password, "confirm": new_password}
    assert location_path(client.post("/password", data=form)) == "/"
    assert get_user(app, "xiaoli").password_hash.split(":")[0] == "scrypt"


def test_the_fixtures_staff_have_the_cheap_hash(app):
    assert get_user(app, "clerk").password_hash.startswith("pbkdf2:sha256:1$")
