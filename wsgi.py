"""WSGI entry point: ``waitress-serve wsgi:app`` or ``station serve``."""

from station import create_app
from station.confidential import keyring

app = create_app()
with app.app_context():
    # A missing or wrong confidentiality key stops the start with its message (KeyProblem).
    keyring.check_at_start()
