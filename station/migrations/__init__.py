"""Alembic's folder; triggers.py and backup.py are imported by the migrations and the CLI."""
