"""The query-count instrument (station/querycount.py): off by default, and when on, the
number of SQL statements of the request in its X-Query-Count header."""

from conftest import PASSWORD, make_app, seed_staff
from sqlalchemy import text

from station.extensions import db


def test_off_by_default(client, auth):
    auth.login("clerk")
    response = client.get("/cases/")
    assert response.status_code == 200
    assert "X-Query-Count" not in response.headers


def test_counts_the_statements_of_each_request(tmp_path, template_db):
    app = make_app(tmp_path, template_db, COUNT_QUERIES=True)
    seed_staff(app)
    client = app.test_client()
    # Its one SELECT 1, after the BEGIN that SQLite's connections are sent (database.py).
    expected = "2" if template_db.startswith("sqlite") else "1"
    assert client.get("/health").headers["X-Query-Count"] == expected
    client.post("/login", data={"username": "clerk", "password": PASSWORD})
    # The first list reads the assignee choices, which the next ones find kept.
    assert int(client.get("/cases/").headers["X-Query-Count"]) > 1
    first = int(client.get("/cases/").headers["X-Query-Count"])
    assert first > 1
    with app.app_context():
        db.session.execute(text("SELECT 1"))  # outside a request: not counted anywhere
    assert int(client.get("/cases/").headers["X-Query-Count"]) == first
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
