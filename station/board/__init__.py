"""The overdue board (看板, issue 10 part 1): every open case of the station grouped by the
light of its next clock, the station's duties beside them, and the office's wall display.
See docs/domain.md "The overdue board"."""

from flask import Flask

from ..i18n import lazy_gettext as _l


def init_app(app: Flask) -> None:
    """Register the blueprint and the wall display as a device kind (imported here: importing
    the room stays light)."""
    from ..devices import service as devices
    from ..rules import roles as R
    from .views import bp

    app.register_blueprint(bp)
    devices.register_kind(
        devices.Kind(
            name=R.WALL,
            home="board.index",
            granters=frozenset({R.HEAD}),
            label=_l("Wall display"),
        )
    )
