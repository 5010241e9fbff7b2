"""The home page, made of the panels of the rooms the user's roles open."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the room's blueprint (imported here: importing the room's models stays light)."""
    from .views import bp

    app.register_blueprint(bp)
