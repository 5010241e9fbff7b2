"""People who come back: earlier cases of a phone or ID number, and key persons (P5).

The room owns the ``key_person`` and ``key_visit`` tables and the rules around them; intake
and the case page show what it finds (their views hold the forms that mark and clear a key
person). Its own pages, at /people/, follow the key persons' visits (the duty "key_visit").
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the blueprint and the duty (imported here: importing the room's models
    stays light)."""
    from ..duties import registry
    from . import figures, visits
    from .views import bp

    registry.register("key_visit", visits.owed)
    registry.register_month("key_visit", figures.month, figures.LABELS)
    app.register_blueprint(bp)
