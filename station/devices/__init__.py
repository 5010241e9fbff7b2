"""A station's devices: a browser granted a kind of use (the reception kiosk, the wall display)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the room's blueprint (imported here: importing the room's models stays light)."""
    from .views import bp

    app.register_blueprint(bp)
