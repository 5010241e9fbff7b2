"""Attachments: scans and photos of a case, their checks and their storage."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the room's blueprint (imported here: importing the room's models stays light)."""
    from .views import bp

    app.register_blueprint(bp)
