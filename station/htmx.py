"""Telling htmx requests apart: they get fragments and HX-Redirect, not whole pages."""

from flask import request


def is_htmx() -> bool:
    """The request was sent by htmx (which sends ``HX-Request: true``)."""
    return request.headers.get("HX-Request") == "true"
