"""Structured logs: one JSON object per line, with the request id of the request it serves."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a record as JSON with time, level, logger, message and context."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = g.get("request_id")
            entry["method"] = request.method
            entry["path"] = request.path
            entry["remote_addr"] = request.remote_addr
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(app: Flask) -> None:
    """Send the app's logs as JSON lines to standard error (not while testing)."""
    if app.testing or app.config.get("LOG_FORMAT", "json") != "json":
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("tracker")
    root.handlers[:] = [handler]
    root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    root.propagate = False
