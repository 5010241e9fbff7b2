"""Every page of the benchmark sends as many SQL statements at 9,600 cases as at 4,800: its
cost follows what it shows, not the history (issue 11). Counted with SQLAlchemy's events,
never timed. At 4,800 cases every list of the pages is already full, so a count that still
differs grows with the data.

The access log's entries are counted apart: a search writes one for the reports its page
shows (docs/domain.md), so those statements follow which cases the page holds."""

from sqlalchemy import event, select

from bench import __main__ as cli
from bench import generate, instance
from station.cases.models import Case
from station.extensions import db
from station.rules.vocab import CONFIDENTIAL_KINDS

SIZES = (4_800, 9_600)
ACCESS_LOG = ("BEGIN IMMEDIATE", "INSERT INTO report_access")


def _statements(folder, size: int) -> dict[str, int]:
    """The statement count of each benchmark page, as the first station's head, at ``size``."""
    with instance.fresh(folder) as inst:
        app = instance.app_for(inst)
        with app.app_context():
            generate.generate(size, stations=2, chunk=400)
        facts = cli._facts(app)
        ref = _first_case(app, facts["station_id"])
        instance.dispose(app)
        app = instance.app_for(inst)
        app.config["WTF_CSRF_ENABLED"] = False
        client = app.test_client()
        client.post("/login", data={"username": cli.HEAD, "password": generate.PASSWORD})
        counts = {}
        with app.app_context():
            engine = db.engine
        sent: list[str] = []

        def listen(_conn, _cursor, statement, *_args) -> None:
            sent.append(statement)

        for name, path in cli.pages(ref, facts["month"], facts["xlsx"]):
            client.get(path)  # the first request fills what the app keeps (the calendar)
            sent.clear()
            event.listen(engine, "before_cursor_execute", listen)
            response = client.get(path)
            event.remove(engine, "before_cursor_execute", listen)
            # 200, not the login page's redirect: the head's own pages were counted.
            assert response.status_code == 200, (name, response.status_code)
            counts[name] = sum(1 for s in sent if not s.lstrip().startswith(ACCESS_LOG))
        instance.dispose(app)
    return counts


def _first_case(app, station_id: int) -> str:
    """The station's oldest case that is not a report: the generator draws the same first
    cases at every size (the same seed), so it is the same case, with the same history."""
    with app.app_context():
        return db.session.scalar(
            select(Case.ref)
            .where(Case.station_id == station_id, Case.kind.not_in(CONFIDENTIAL_KINDS))
            .order_by(Case.id)
            .limit(1)
        )


def test_statements_per_page_do_not_grow_with_the_data(tmp_path):
    small, large = (_statements(tmp_path / str(size), size) for size in SIZES)
    assert set(small) == set(large) and len(small) >= 11
    assert {page: (small[page], large[page]) for page in small if small[page] != large[page]} == {}
