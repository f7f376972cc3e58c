"""A file in memory as an HTTP download: the API's and the pages' attachments alike.

Every download is an attachment (never shown in the browser's own origin), is not
content-sniffed, and names its charset once.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple
from urllib.parse import quote

from flask import Response


class StoredFile(NamedTuple):
    """A file kept in the database, as it is offered for download."""

    data: bytes | str
    filename: str
    mimetype: str
    digest: str | None  # the file's sha256, kept when it was stored


# Types that are text: served with the charset they are written in, named once.
_TEXT_TYPES = ("text/", "application/json")


def attachment(data: bytes | str, mimetype: str, filename: str, etag: str | None = None):
    """`data` as an attachment named `filename`; `etag` for a file that never changes."""
    bare = mimetype.split(";", 1)[0].strip().lower()
    content_type = f"{bare}; charset=utf-8" if bare.startswith(_TEXT_TYPES) else bare
    response = Response(data, content_type=content_type)
    response.headers["Content-Disposition"] = _disposition(filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if etag:
        response.set_etag(etag)
    return response


def _disposition(filename: str) -> str:
    """`attachment` with the name for every browser: quoted ASCII, and the full UTF-8 name
    (RFC 6266) when it has more than ASCII."""
    simple = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    simple = simple.replace("\\", "_").replace('"', "_")
    value = f'attachment; filename="{simple}"'
    if simple != filename:
        value += "; filename*=UTF-8''" + quote(filename, safe="!#$&+-.^_`|~")
    return value
