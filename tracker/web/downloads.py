"""A file in memory as an HTTP download: the API's and the pages' attachments alike."""

from __future__ import annotations

from flask import Response


def attachment(data: bytes | str, mimetype: str, filename: str, etag: str | None = None):
    """`data` as an attachment named `filename`; `etag` for a file that never changes."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if etag:
        headers["ETag"] = f'"{etag}"'
    return Response(data, mimetype=mimetype, headers=headers)
