"""The OpenAPI 3.1 description of /api/v1, built from Python dicts and served as JSON."""

from __future__ import annotations

from functools import cache

from flask import jsonify

from tracker.api.blueprint import bp
from tracker.api.common import public
from tracker.api.openapi_paths import paths
from tracker.api.openapi_registry import SCHEMAS as REGISTRY_SCHEMAS
from tracker.api.openapi_schemas import SCHEMAS


@cache
def openapi_document() -> dict:
    """The whole OpenAPI document (built once per process)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tracker API",
            "version": "1.0.0",
            "description": (
                "Tasks, deadlines, legal documents and the periodic report of a provincial"
                " department. Authenticate with `Authorization: Bearer TOKEN` (from POST"
                " /auth/token) or the browser session; session writes need the header"
                " `X-CSRFToken`. Writes take JSON (`Content-Type: application/json`)."
                " Messages are in Vietnamese."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}, {"sessionCookie": []}],
        "tags": [
            {"name": name}
            for name in ("auth", "reference", "tasks", "workflow", "documents", "reports", "meta")
        ],
        "paths": paths(),
        "components": {
            "schemas": SCHEMAS | REGISTRY_SCHEMAS,
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "sessionCookie": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "The browser session; writes also need X-CSRFToken.",
                },
            },
        },
    }


@bp.get("/openapi.json")
@public
def openapi_json():
    """Serve the OpenAPI description."""
    return jsonify(openapi_document())
