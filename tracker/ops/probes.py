"""Operations: liveness and readiness probes for a load balancer or an orchestrator."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text

from tracker.extensions import db

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
def healthz():
    """The process is up and answering (no database involved)."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """The database answers: the instance can take traffic."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        return jsonify(status="unavailable", error=error.__class__.__name__), 503
    return jsonify(status="ok", database=db.engine.dialect.name)
