"""The county's view of its stations (issue 10 part 4): a month of every station side by
side. See docs/domain.md "The county's view"."""

from flask import Flask


def init_app(app: Flask) -> None:
    from . import (
        import_views,  # noqa: F401 (its routes, on the same blueprint)
        models,  # noqa: F401 (the tables, for the metadata)
        summaries,  # noqa: F401 (its routes, on the same blueprint)
    )
    from .commands import import_summary_command
    from .views import bp

    app.cli.add_command(import_summary_command)

    app.register_blueprint(bp)
