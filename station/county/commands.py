"""``station import-summary FILE…``: the county's import, from the command line, for a batch
of files copied from a USB stick (docs/domain.md "The county's view")."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db
from . import imports


@click.command("import-summary")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@with_appcontext
def import_summary_command(files: tuple[Path, ...]) -> None:
    """Import stations' summary files (each checked against its station's registered key)."""
    from ..cli import fail, require_current_schema

    require_current_schema()
    refused = 0
    for path in files:
        try:
            content = path.read_bytes()
        except OSError as exc:
            click.echo(f"{path}: cannot be read ({exc.strerror}).", err=True)
            refused += 1
            continue
        try:
            row = imports.import_file(content, None)
        except imports.Refused as exc:
            db.session.rollback()
            click.echo(f"{path}: refused. {exc.message}", err=True)
            refused += 1
            continue
        db.session.commit()
        click.echo(f"{path}: imported {row.station.name} {row.month}, version {row.version}.")
    if refused:
        fail(f"{refused} of {len(files)} files were not imported; the others were.")
