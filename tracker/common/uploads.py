"""Uploads kept between a preview and its confirmation, as rows of `kept_upload`.

An upload is a row with its bytes and its note: its kind, who uploaded it, when, its digest
and the importer's own facts. The confirmation reads both back and checks them, so what is
written is exactly what was previewed and nothing is trusted from the form. The row is
written in the preview's transaction, so every app server sees it. A kept upload lives a day
at most; each kind sweeps its own leftovers.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from tracker.extensions import db
from tracker.models import KeptUpload
from tracker.models._base import utcnow

KEEP = timedelta(days=1)
TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


@dataclass(frozen=True)
class UploadStore:
    """The kept uploads of one importer: `kind` names its rows."""

    kind: str

    def keep(self, data: bytes, user_id: int | None, **facts: str) -> str:
        """Store an upload with the importer's `facts`; return the token that names it."""
        self.sweep()
        token = secrets.token_urlsafe(32)
        row = KeptUpload(
            token=token,
            kind=self.kind,
            user_id=user_id,
            stored_at=utcnow(),
            sha256=hashlib.sha256(data).hexdigest(),
            facts=facts,
            data=data,
        )
        db.session.add(row)
        db.session.flush()
        return token

    def load(self, token: str | None, user_id: int | None) -> tuple[bytes, dict] | None:
        """The bytes and note of this user's upload; None if it is gone, foreign or altered."""
        if not isinstance(token, str) or not TOKEN.fullmatch(token):
            return None
        row = db.session.scalar(select(KeptUpload).where(KeptUpload.token == token))
        # Someone else's upload is "gone" too: its existence is none of this user's business.
        if row is None or row.kind != self.kind or row.user_id != user_id:
            return None
        data = row.data
        if utcnow() - row.stored_at >= KEEP or row.sha256 != hashlib.sha256(data).hexdigest():
            return None
        note = {
            **(row.facts or {}),
            "kind": row.kind,
            "user_id": row.user_id,
            "sha256": row.sha256,
            "stored_at": row.stored_at.isoformat(),
        }
        return data, note

    def discard(self, token: str | None) -> None:
        """Delete a kept upload (once imported, or when it can no longer be)."""
        if isinstance(token, str) and TOKEN.fullmatch(token):
            db.session.execute(
                delete(KeptUpload).where(KeptUpload.token == token, KeptUpload.kind == self.kind)
            )

    def sweep(self, now: datetime | None = None) -> int:
        """Delete this kind's uploads nobody confirmed within a day; return how many."""
        limit = (now or utcnow()) - KEEP
        result = db.session.execute(
            delete(KeptUpload).where(KeptUpload.kind == self.kind, KeptUpload.stored_at < limit)
        )
        return result.rowcount or 0
