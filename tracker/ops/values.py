"""Values in a portable backup (JSON): dates, bytes and exact decimals tagged, and read back
in the form each column takes."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from decimal import Decimal


def encode_value(value):
    """A column's value as JSON can hold it."""
    if isinstance(value, datetime | date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}  # exact: a float would round a figure's decimals
    return value


def decode_value(value, column):
    """A stored value back in the form the column takes (dates, JSON, booleans)."""
    if isinstance(value, dict) and "$date" in value:
        parsed = datetime.fromisoformat(value["$date"])
        return parsed.date() if len(value["$date"]) == 10 else parsed
    if isinstance(value, dict) and "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    if isinstance(value, dict) and "$decimal" in value:
        return Decimal(value["$decimal"])
    if column is None or value is None:
        return value
    kind = column.type.__class__.__name__
    if kind == "JSON" and isinstance(value, str):
        return json.loads(value)
    if kind == "Boolean" and isinstance(value, int):
        return bool(value)
    if isinstance(value, str) and kind in ("Date", "DateTime"):
        parsed = datetime.fromisoformat(value)
        return parsed.date() if kind == "Date" else parsed
    return value
