"""The station's duties as one list: what each duty owes by today (registry.py), shown on the
duties page and the home panel (panel.py)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from . import panel, views

    app.add_template_global(panel.owed, "duties_owed")
    app.add_template_global(panel.late, "duty_late")
    app.add_template_global(panel.item_url, "duty_item_url")
    app.register_blueprint(views.bp)
