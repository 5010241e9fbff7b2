"""An opt-in instrument for the benchmark (bench/): how many SQL statements a request ran.

Off by default. With ``STATION_COUNT_QUERIES=1`` in the environment (or ``COUNT_QUERIES =
True`` in the instance's config.py) every statement sent to the database while a request
is served is counted by a SQLAlchemy event, and the response says how many in its
``X-Query-Count`` header. A statement run outside a request (the CLI, the demo) is not
counted. Nothing else changes: no statement, no page, no timing the user would notice.
"""

from typing import Any

from flask import Flask, Response, g, has_request_context
from sqlalchemy import event

from .extensions import db

HEADER = "X-Query-Count"
_COUNT = "station_query_count"


def init_app(app: Flask) -> None:
    if not app.config.get("COUNT_QUERIES"):
        return
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", _count)
    app.before_request(_start)
    app.after_request(_report)


def _count(*_args: Any) -> None:
    if has_request_context():
        setattr(g, _COUNT, getattr(g, _COUNT, 0) + 1)


def _start() -> None:
    setattr(g, _COUNT, 0)


def _report(response: Response) -> Response:
    response.headers[HEADER] = str(getattr(g, _COUNT, 0))
    return response
