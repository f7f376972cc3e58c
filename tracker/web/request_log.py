"""Structured logs: one JSON object per line, with the request id of the request it serves.

`TRACKER_LOG_FORMAT=text` gives one readable line instead, still with the request id.
"""

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
                plain = value is None or isinstance(value, str | int | float | bool)
                entry[key] = value if plain else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """A readable line that still names the request it belongs to."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not getattr(record, "request_id", None):
            record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return super().format(record)


def configure_logging(app: Flask) -> None:
    """Send the app's logs to standard error as JSON lines or text (not while testing)."""
    if app.testing:
        return
    handler = logging.StreamHandler(sys.stderr)
    text = app.config.get("LOG_FORMAT", "json") == "text"
    handler.setFormatter(TextFormatter() if text else JsonFormatter())
    # logging.config elsewhere in the process (Alembic's env.py calls fileConfig when the
    # migrations run in-process) disables every logger that exists by then, ours included.
    for name, logger in logging.Logger.manager.loggerDict.items():
        if name.startswith("tracker.") and isinstance(logger, logging.Logger):
            logger.disabled = False
    root = logging.getLogger("tracker")
    root.disabled = False
    root.handlers[:] = [handler]
    root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    root.propagate = False
