import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from station.database import SchemaError
from station.migrations.triggers import include_name, include_object

# this is the Alembic Config object, which provides
# access to the values within the .ini file in use.
config = context.config

# Interpret the config file for Python logging.
# This line sets up loggers basically.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")


def get_engine():
    return current_app.extensions["migrate"].db.engine


def get_engine_url():
    return get_engine().url.render_as_string(hide_password=False).replace("%", "%%")


# add your model's MetaData object here
# for 'autogenerate' support
# from myapp import mymodel
# target_metadata = mymodel.Base.metadata
config.set_main_option("sqlalchemy.url", get_engine_url())
target_db = current_app.extensions["migrate"].db

# other values from the config, defined by the needs of env.py,
# can be acquired:
# my_important_option = config.get_main_option("my_important_option")
# ... etc.


def get_metadata():
    if hasattr(target_db, "metadatas"):
        return target_db.metadatas[None]
    return target_db.metadata


def run_migrations_offline():
    """Run migrations in 'offline' mode.

    This configures the context with just a URL
    and not an Engine, though an Engine is acceptable
    here as well.  By skipping the Engine creation
    we don't even need a DBAPI to be available.

    Calls to context.execute() here emit the given string to the
    script output.

    """
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url,
        target_metadata=get_metadata(),
        literal_binds=True,
        include_name=include_name,
        include_object=include_object,
    )

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    """Run migrations in 'online' mode.

    In this scenario we need to create an Engine
    and associate a connection with the context.

    """

    # this callback is used to prevent an auto-migration from being generated
    # when there are no changes to the schema
    # reference: http://alembic.zzzcomputing.com/en/latest/cookbook.html
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = current_app.extensions["migrate"].configure_args
    if conf_args.get("process_revision_directives") is None:
        conf_args["process_revision_directives"] = process_revision_directives

    with get_engine().connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            foreign_keys_off(connection)
        try:
            context.configure(
                connection=connection,
                target_metadata=get_metadata(),
                include_name=include_name,
                include_object=include_object,
                # SQLite's DDL is transactional too: the whole upgrade, and the check after
                # it, in one transaction that a failure undoes.
                transactional_ddl=True if sqlite else None,
                **conf_args,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    check_foreign_keys(connection)
        finally:
            if sqlite:
                # Foreign keys are off on this connection: the pool must not hand it out again.
                connection.invalidate()


def foreign_keys_off(connection):
    """Batch mode re-creates tables by copy, drop and rename, which enforced foreign keys
    refuse (``cases`` has children). The pragma is ignored inside a transaction, and any
    statement through SQLAlchemy begins one (station.database's "begin" listener), so it
    goes to the driver's connection first."""
    raw = connection.connection.dbapi_connection
    raw.execute("PRAGMA foreign_keys = OFF")
    if raw.execute("PRAGMA foreign_keys").fetchone()[0]:
        raise SchemaError("Foreign keys could not be turned off for the upgrade; nothing changed.")


def check_foreign_keys(connection):
    """With foreign keys off nothing stopped a migration from leaving rows that point nowhere."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, _rowid, parent, _fk = broken[0]
        tables = sorted({row[0] for row in broken})
        raise SchemaError(
            f"The upgrade was undone: {len(broken)} row(s) of {', '.join(tables)} refer to "
            f"rows that do not exist (first: a row of {table} refers to a missing row of "
            f"{parent}). The database is as it was before the upgrade."
        )


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
