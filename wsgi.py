"""WSGI entry point: ``waitress-serve wsgi:app`` or ``station serve``."""

from station import create_app

app = create_app()
