"""The `api` blueprint (/api/v1): its guard and its error handlers, with no endpoint yet.

Each feature's `api.py` adds its endpoints to `bp`; the application factory imports them.
"""

from __future__ import annotations

from flask import Blueprint
from werkzeug.exceptions import RequestEntityTooLarge

from tracker.api.common import guard
from tracker.api.errors import ApiError, api_error, too_large
from tracker.web.requests import rolled_back

bp = Blueprint("api", __name__)
bp.before_request(guard)
bp.register_error_handler(ApiError, rolled_back(api_error))
bp.register_error_handler(RequestEntityTooLarge, rolled_back(too_large))


@bp.record_once
def _utf8_json(state) -> None:
    # Vietnamese text as UTF-8, not \u escapes: half the size, and readable in a terminal.
    state.app.json.ensure_ascii = False
