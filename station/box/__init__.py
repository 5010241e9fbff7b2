"""The suggestion boxes (意见箱): boxes, their openings, and the cases their items became."""

from flask import Flask


def init_app(app: Flask) -> None:
    from ..duties import registry
    from . import figures, service
    from .views import bp

    registry.register("box", service.owed)
    registry.register_month("box", figures.month, figures.LABELS)
    app.register_blueprint(bp)
