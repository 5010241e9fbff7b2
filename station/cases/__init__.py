"""The case register: the case page and its actions, the lists, the head's panel."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the room's blueprint, with the routes and panels that lists and home add to it."""
    from . import home, lists  # noqa: F401  (their routes and panels join views.bp)
    from .views import bp

    app.register_blueprint(bp)
