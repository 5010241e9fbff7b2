"""The confidentiality room: reports (举报) are read only through ``gate``.

docs/threat-model.md says what it protects against and how; docs/domain.md
"Confidentiality" says who sees what.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from ..cases import labels as case_labels
    from ..cases.signals import case_registered
    from . import gate, labels, panel, views

    gate.init_app(app)
    # The report panel of a case page builds itself (confidential/_report_panel.html), so
    # that the case page's view needs to know nothing of it.
    app.add_template_global(panel.for_current_user, "report_panel")
    app.add_template_global(labels.STATE, "disclosure_state")
    app.add_template_global(labels.KIND, "kind_label")
    app.add_template_global(labels.HANDLED, "confidential_handling")
    app.add_template_global(case_labels.STATUS, "status_label")
    case_registered.connect(gate.on_registered, weak=False)
    app.register_blueprint(views.bp)
