"""Station Desk: the application factory."""

from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import config as cfg
from .extensions import csrf, db, login_manager, migrate

MIGRATIONS_DIR = str(cfg.REPO_ROOT / "station" / "migrations")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``<instance>/config.py``, then the environment, then tests."""
    instance = cfg.instance_path()
    if test_config and "INSTANCE_PATH" in test_config:
        instance = cfg.Path(test_config["INSTANCE_PATH"])
    cfg.ensure_instance(instance)
    app = Flask(
        __name__,
        instance_path=str(instance),
        instance_relative_config=True,
        template_folder=str(cfg.REPO_ROOT / "templates"),
        static_folder=str(cfg.REPO_ROOT / "static"),
    )
    _configure(app, test_config)
    _init_extensions(app)
    _register_blueprints(app)
    from . import cli, i18n, nav, security

    i18n.init_app(app)
    security.init_app(app)
    nav.init_app(app)
    cli.init_app(app)
    return app


def _configure(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    instance = cfg.Path(app.instance_path)
    app.config.from_mapping(cfg.DEFAULTS)
    app.config["SQLALCHEMY_DATABASE_URI"] = cfg.sqlite_url(instance)
    app.config["UPLOAD_FOLDER"] = str(instance / "uploads")
    cfg.load_settings_file(app.config, instance)
    cfg.load_environment(app.config)
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = cfg.load_secret_key(instance)
    app.config["SQLALCHEMY_DATABASE_URI"] = cfg.database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    cfg.check(app.config)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_MB"]) * 1024 * 1024 + 65536
    app.permanent_session_lifetime = cfg.idle_timeout(app.config["IDLE_TIMEOUT_MINUTES"])


def _init_extensions(app: Flask) -> None:
    from . import changes, database, querycount

    db.init_app(app)
    database.init_app(app)
    querycount.init_app(app)
    changes.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from . import (
        admin,
        attachments,
        auth,
        board,
        box,
        calendar,
        cases,
        confidential,
        county,
        devices,
        duties,
        errors,
        hotline,
        intake,
        main,
        people,
        policies,
        reception,
        search,
        summary,
    )

    rooms = (auth, main, errors, admin, calendar, cases, search, attachments, policies, intake)
    later = (confidential, devices, duties, reception, box, hotline, people, board, summary, county)
    for room in (*rooms, *later):
        room.init_app(app)
