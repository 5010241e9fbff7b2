"""The head's reception day (所长接待日, P1 §5): schedule, hall notice, kiosk, queue, outcomes."""

from flask import Flask

from ..i18n import lazy_gettext as _l


def init_app(app: Flask) -> None:
    """Register the blueprint, the kiosk device kind, the visitor as an intake source and the
    duty (imported here: importing the room's models stays light)."""
    from ..devices import service as devices
    from ..duties import registry
    from ..intake import sources
    from ..rules import roles as R
    from . import figures, kiosk, service  # noqa: F401  (kiosk adds its views to the blueprint)
    from .views import bp

    app.register_blueprint(bp)
    devices.register_kind(
        devices.Kind(
            name=R.KIOSK,
            home="reception.signin",
            granters=frozenset({R.CLERK, R.HEAD}),
            label=_l("Reception kiosk"),
        )
    )
    sources.register(service.VISITOR_SOURCE)
    registry.register("reception", service.duty_items)
    registry.register_month("reception", figures.month, figures.LABELS)
