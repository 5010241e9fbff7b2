"""The case register: lists and the case page with its handling actions."""

from flask import Blueprint

bp = Blueprint("cases", __name__, url_prefix="/cases")


@bp.record_once
def _give_new_stations_defaults(state) -> None:
    from ..accounts import STATION_CREATED
    from .policies import ensure_defaults

    if ensure_defaults not in STATION_CREATED:
        STATION_CREATED.append(ensure_defaults)
