"""The ``station`` command: init, add-station, create-user, serve, demo."""

import gc
import sqlite3
import sys
from pathlib import Path
from typing import NoReturn

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy.exc import OperationalError

from . import create_app
from .accounts import (
    DEFAULT_STATION_NAME,
    AccountError,
    add_station,
    create_user,
    find_station,
    stations,
)
from .confidential import keyring, log
from .confidential.keys import KeyProblem
from .config import ConfigError
from .database import SchemaError, current_revisions, schema_state, upgrade_schema
from .extensions import db
from .migrations.backup import back_up_sqlite
from .rules import roles as R


class Refused(click.ClickException):
    """A request the rules refuse: ``Error: <message>`` and exit status 2, like bad arguments."""

    exit_code = 2


def fail(message: object) -> NoReturn:
    """Bad arguments or a refused request: a clear message, nothing changed, exit status 2."""
    db.session.rollback()
    raise Refused(str(message))


def require_current_schema() -> None:
    state = schema_state()
    if state == "empty":
        fail("The database has no tables yet. Run `station init` first.")
    if state == "behind":
        fail("The database is from an older version. Run `station init` to upgrade it.")
    if state == "newer":
        fail(
            "The database was written by a newer version of Station Desk; "
            "install that version instead of this one."
        )


@click.command("init")
@click.option("--name", "station_name", help="The station's name (first run only).")
@with_appcontext
def init_command(station_name: str | None) -> None:
    """Create the database, or upgrade it to this version keeping every row."""
    _upgrade()
    existing = stations()
    if not existing:
        station = add_station(station_name or DEFAULT_STATION_NAME)
        db.session.commit()
        click.echo(f"Created the station {station.name}.")
    elif station_name and station_name not in {s.name for s in existing}:
        if len(existing) == 1 and existing[0].name == DEFAULT_STATION_NAME:
            existing[0].name = station_name
            db.session.commit()
            click.echo(f"Renamed the station to {station_name}.")
        else:
            fail(
                f"This database already has a station ({existing[0].name}); "
                "use `station add-station` for another one."
            )
    click.echo(f"The database is ready: {_safe_url()}")


def _upgrade() -> None:
    """Create or upgrade the schema; a database that is behind is copied aside first. Then
    the confidentiality key: made on the first run, else checked against the database."""
    try:
        if schema_state() == "behind":
            _back_up_before_upgrade()
        upgrade_schema()
        keyring.prepare()
    except (SchemaError, KeyProblem) as exc:
        fail(exc)


def _back_up_before_upgrade() -> None:
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        click.echo(
            "Upgrading the PostgreSQL database in place: no copy is made here, the county's "
            "own backup (pg_dump) is expected to have been taken before."
        )
        return
    folder = Path(current_app.instance_path) / "backups"
    revision = "+".join(sorted(current_revisions()))
    try:
        copy = back_up_sqlite(Path(url.database or ""), folder, revision)
    except (OSError, sqlite3.Error) as exc:
        fail(
            f"The database could not be copied to {folder} before the upgrade ({exc}); "
            "nothing was changed."
        )
    click.echo(f"Copied the database to {copy} before upgrading it.")


@click.command("add-station")
@click.argument("name")
@with_appcontext
def add_station_command(name: str) -> None:
    """Add a station (on a county server that serves several)."""
    require_current_schema()
    try:
        station = add_station(name)
    except AccountError as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"Added the station {station.name}.")


@click.command("create-user")
@click.argument("username")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice(R.ALL_ROLES),
    help="A role; repeat for several.",
)
@click.option("--name", default="", help="The person's full name.")
@click.option("--station", "station_name", help="The station (may be left out if there is one).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_user_command(
    username: str, roles: tuple[str, ...], name: str, station_name: str | None, password_stdin: bool
) -> None:
    """Create an account. Without --password-stdin a one-time password is printed."""
    require_current_schema()
    station = _pick_station(station_name, roles)
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user, password = create_user(
            username,
            list(roles),
            name=name,
            station=station,
            password=password,
            min_length=current_app.config["MIN_PASSWORD_LENGTH"],
        )
    except AccountError as exc:
        fail(exc)
    # The console is the bootstrap, at once and without a second person; the access log
    # shows that it was used (docs/threat-model.md, threat 5).
    log.record(
        "user_created",
        station_id=station.id if station else None,
        target=user.id,
        roles=sorted(roles),
    )
    db.session.commit()
    where = f" at {station.name}" if station else ""
    click.echo(f"Created {user.username} ({', '.join(sorted(roles))}){where}.")
    if not password_stdin:
        click.echo(f"One-time password: {password}  (to be changed at first login)")


def _pick_station(station_name: str | None, roles: tuple[str, ...]):
    if station_name:
        station = find_station(station_name)
        if station is None:
            fail(f"There is no station named {station_name}.")
        return station
    if not R.needs_station(roles):
        return None
    existing = stations()
    if len(existing) == 1:
        return existing[0]
    fail("There are several stations; say which one with --station.")
    return None


@click.command("serve")
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@with_appcontext
def serve_command(host: str, port: int, threads: int) -> None:
    """Serve the app on the office LAN with waitress."""
    from waitress import serve

    require_current_schema()
    try:
        keyring.check_at_start()
    except KeyProblem as exc:
        fail(exc)
    app = current_app._get_current_object()
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    click.echo(f"Station Desk is running: open http://{shown}:{port}/ in a browser.")
    if host in ("0.0.0.0", "::"):
        click.echo("Other PCs on the office network use this PC's address with the same port.")
    click.echo("Press Ctrl+C to stop.")
    # What start-up built (the app, its modules, the mapped classes, the compiled
    # templates' code) lives as long as the process: moved out of the collector's
    # generations, the full collections that requests' garbage triggers no longer walk it.
    gc.collect()
    gc.freeze()
    serve(app, host=host, port=port, threads=threads, ident="Station Desk")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Fill the database with a realistic station year to try everything (creates it if needed)."""
    from .demo.run import load as load_demo

    _upgrade()
    for line in load_demo():
        click.echo(line)


def _safe_url() -> str:
    return db.engine.url.render_as_string(hide_password=True)


def init_app(app: Flask) -> None:
    for command in (
        init_command,
        add_station_command,
        create_user_command,
        serve_command,
        demo_command,
    ):
        app.cli.add_command(command)


def _create_app_for_cli() -> Flask:
    try:
        return create_app()
    except ConfigError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)


class StationGroup(FlaskGroup):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OperationalError as exc:
            raise Refused(
                f"The database cannot be opened: {exc.orig}. Check DATABASE_URL (or the "
                "instance folder) and that the database server is running; nothing was changed."
            ) from exc


cli = StationGroup(
    create_app=_create_app_for_cli,
    add_version_option=False,
    help="Station Desk: run `station init`, then `station serve`.",
)


def main() -> None:
    cli.main(prog_name="station")
