"""JSON read with limits: a body's size and nesting depth are checked before it is parsed.

Python's parser recurses once per level: a body nested some thousands of levels deep (which
fits in a few kilobytes, and reaches even the sign-in endpoint) ends in a RecursionError,
a server error. The app's JSON provider refuses such a body first, with a 400 that says why
(a larger body than the limit, a 413).
"""

from __future__ import annotations

import re

from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

MAX_DEPTH = 64
MAX_BYTES = 1024 * 1024  # a JSON body is a few kilobytes (API_MAX_JSON_BYTES overrides)
# A string (skipped whole, brackets inside it included) or one bracket.
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


class JsonRefused(BadRequest):
    """A JSON body refused before it was parsed; the description says why, in Vietnamese."""


def nesting_depth(data: bytes) -> int:
    """How deeply the arrays and objects of a JSON text nest (0 for a scalar)."""
    depth = deepest = 0
    for token in _TOKENS.finditer(data):
        char = token.group()[:1]
        if char in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif char in (b"]", b"}"):
            depth -= 1
    return deepest


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, whose `loads` refuses too large or too deeply nested text."""

    def loads(self, s: str | bytes, **kwargs):
        data = s.encode("utf-8", "surrogatepass") if isinstance(s, str) else s
        limit = self._app.config.get("API_MAX_JSON_BYTES", MAX_BYTES)
        if len(data) > limit:
            raise RequestEntityTooLarge()
        # Cheap first: a text with few brackets cannot nest deeply.
        brackets = data.count(b"[") + data.count(b"{")
        if brackets > MAX_DEPTH and nesting_depth(data) > MAX_DEPTH:
            raise JsonRefused(
                f"Dữ liệu JSON lồng nhau quá {MAX_DEPTH} cấp: hãy gửi dữ liệu phẳng hơn."
            )
        return super().loads(s, **kwargs)
