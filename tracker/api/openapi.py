"""GET /api/v1/openapi.json: the API's description, generated from its endpoints (spec.py)."""

from __future__ import annotations

from flask import current_app, jsonify

from tracker.api.blueprint import bp
from tracker.api.common import public
from tracker.api.spec import openapi_document, operation


@bp.get("/openapi.json")
@operation(
    summary="This description", tag="meta", response={"type": "object"}, errors=(), public=True
)
@public
def openapi_json():
    """Serve the OpenAPI description."""
    return jsonify(openapi_document(current_app))
