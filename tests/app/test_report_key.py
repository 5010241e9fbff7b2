"""The confidentiality key: made once, checked at start, never replaced (docs/threat-model.md)."""

from pathlib import Path

import pytest
from case_helpers import make_case

from station.cli import serve_command
from station.confidential import keyring
from station.confidential.keys import KEY_FILE, KeyProblem, create_key
from station.extensions import db

SECRET = {"kind": "report", "subject": "举报密钥测试", "content": "密钥测试内容"}


def _key(app) -> Path:
    return Path(app.instance_path) / KEY_FILE


def test_the_first_report_makes_the_key_in_the_instance_folder(app):
    assert not _key(app).exists()
    make_case(app, registered_by="head", **SECRET)
    assert _key(app).exists()
    assert SECRET["subject"] not in _key(app).read_text()


def _forget_the_running_key(app):
    app.extensions.pop("station.confidential.keys", None)


def test_a_missing_key_stops_the_start_and_changes_nothing(app, runner):
    make_case(app, registered_by="head", **SECRET)
    _key(app).unlink()
    _forget_the_running_key(app)
    result = runner.invoke(serve_command, ["--port", "1"])
    assert result.exit_code == 2
    assert "report_key" in result.output and "missing" in result.output
    assert not _key(app).exists(), "no new key was made in its place"


def test_a_wrong_key_stops_the_start_and_is_left_alone(app, runner):
    make_case(app, registered_by="head", **SECRET)
    _key(app).unlink()
    create_key(Path(app.instance_path))
    wrong = _key(app).read_bytes()
    _forget_the_running_key(app)
    result = runner.invoke(serve_command, ["--port", "1"])
    assert result.exit_code == 2
    assert "not the key this database was sealed with" in result.output
    assert _key(app).read_bytes() == wrong


def test_a_page_under_a_wrong_key_says_so_and_changes_nothing(app, client, auth):
    ref = make_case(app, registered_by="head", **SECRET)
    _key(app).unlink()
    create_key(Path(app.instance_path))
    _forget_the_running_key(app)
    auth.login("head")
    response = client.get(f"/cases/{ref}")
    assert response.status_code == 503
    assert "report_key" in response.get_data(as_text=True)
    with app.app_context(), pytest.raises(KeyProblem), db.engine.connect() as conn:
        keyring.keys_for(Path(app.instance_path), conn)
