"""Administration: users and stations, and the audit log."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the room's blueprint (imported here: importing the room's models stays light)."""
    from . import station_views  # noqa: F401  (its routes are on the room's blueprint)
    from .approval_views import bp as approvals_bp
    from .views import bp

    app.register_blueprint(bp)
    app.register_blueprint(approvals_bp)
