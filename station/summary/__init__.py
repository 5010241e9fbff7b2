"""The monthly summary (月度汇总, issue 10 part 2): what came in during a month and how its
deadlines were kept, for the monthly service meeting (P1 §10). See docs/domain.md
"The monthly summary"."""

from flask import Flask


def init_app(app: Flask) -> None:
    from . import (
        exports,  # noqa: F401 (its routes, on the summary's blueprint)
        models,  # noqa: F401 (the tables, for the metadata)
        submissions,  # noqa: F401 (its routes, on the same blueprint)
    )
    from .views import bp

    app.register_blueprint(bp)
