"""The county's view of its stations (issue 10 part 4): a month of every station side by
side. See docs/domain.md "The county's view"."""

from flask import Flask


def init_app(app: Flask) -> None:
    from .views import bp

    app.register_blueprint(bp)
