"""The reporting-line log (举报电话, P1 §2, §6): every call, who took it, its disposition."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the blueprint, the call as an intake source of the phone channel and the
    duty (imported here: importing the room's models stays light)."""
    from ..duties import registry
    from ..intake import sources
    from . import figures, service
    from .views import bp

    app.register_blueprint(bp)
    sources.register(service.CALL_SOURCE)
    registry.register("hotline", service.duty_items)
    registry.register_month("hotline", figures.month, figures.LABELS)
