"""The confidentiality room: reports (举报) are read only through ``gate``.

docs/threat-model.md says what it protects against and how; docs/domain.md
"Confidentiality" says who sees what.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from ..cases.signals import case_registered
    from . import gate, views

    gate.init_app(app)
    case_registered.connect(gate.on_registered, weak=False)
    app.register_blueprint(views.bp)
