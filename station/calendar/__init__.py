"""The working-day calendar's local overrides and its yearly import."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the room's blueprint, and give the rules' calendar the station's local days."""
    from ..rules import workdays
    from .service import load_calendar
    from .views import bp

    app.register_blueprint(bp)
    workdays.set_override_loader(load_calendar)
