"""The case register: the case page and its actions, the lists, the head's panel."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the room's blueprint, with the routes and panels that lists, home and sheets add."""
    from . import home, lists, sheets  # noqa: F401  (their routes and panels join views.bp)
    from .views import bp

    app.register_blueprint(bp)
