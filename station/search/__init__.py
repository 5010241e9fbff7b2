"""Search: the index of every case's words, and the search box that reads it."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the search page, and index every case the register registers."""
    from ..cases.signals import case_registered
    from .index import index_new_case
    from .views import bp

    app.register_blueprint(bp)
    # One connection however many apps are made (tests make many): blinker keys it by receiver.
    case_registered.connect(index_new_case, weak=False)
