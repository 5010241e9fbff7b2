"""A station's deadline policies and its topics."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the room's blueprint, and move open cases' deadlines when the calendar changes."""
    from ..rules import workdays
    from .service import move_open_deadlines
    from .views import bp

    app.register_blueprint(bp)
    # One connection however many apps are made (tests make many): blinker keys it by receiver.
    workdays.CALENDAR_CHANGED.connect(move_open_deadlines, weak=False)
