"""Uploads kept between a preview and its confirmation, under `<instance>/imports/`.

An upload is stored as `<token><suffix>` with a JSON note beside it (`<token>.json`: its kind,
who uploaded it, when, its digest and the importer's own facts). The confirmation reads both
back and checks them, so what is written is exactly what was previewed and nothing is trusted
from the form. A kept upload lives a day at most; each kind sweeps its own leftovers.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

KEEP_SECONDS = 24 * 3600
TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def uploads_dir() -> Path:
    """Where kept uploads live: `<instance>/imports/` (created when the first one is kept)."""
    return Path(current_app.instance_path) / "imports"


@dataclass(frozen=True)
class UploadStore:
    """The kept uploads of one importer: `kind` names its notes, `suffix` its files."""

    kind: str
    suffix: str = ""

    def keep(self, data: bytes, user_id: int | None, **facts: str) -> str:
        """Store an upload with the importer's `facts`; return the token that names it."""
        self.sweep()
        folder = uploads_dir()
        folder.mkdir(parents=True, exist_ok=True)
        token = secrets.token_urlsafe(32)
        (folder / f"{token}{self.suffix}").write_bytes(data)
        note = {
            **facts,
            "kind": self.kind,
            "user_id": user_id,
            "sha256": hashlib.sha256(data).hexdigest(),
            "stored_at": time.time(),
        }
        (folder / f"{token}.json").write_text(json.dumps(note, ensure_ascii=False), "utf-8")
        return token

    def load(self, token: str | None, user_id: int | None) -> tuple[bytes, dict] | None:
        """The bytes and note of this user's upload; None if it is gone, foreign or altered."""
        if not isinstance(token, str) or not TOKEN.fullmatch(token):
            return None
        folder = uploads_dir()
        try:
            note = json.loads((folder / f"{token}.json").read_text("utf-8"))
            data = (folder / f"{token}{self.suffix}").read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(note, dict):
            return None
        fresh = time.time() - float(note.get("stored_at") or 0) < KEEP_SECONDS
        intact = note.get("sha256") == hashlib.sha256(data).hexdigest()
        # Someone else's upload is "gone" too: its existence is none of this user's business.
        mine = note.get("kind") == self.kind and note.get("user_id") == user_id
        return (data, note) if fresh and intact and mine else None

    def discard(self, token: str | None) -> None:
        """Delete a kept upload (once imported, or when it can no longer be)."""
        if isinstance(token, str) and TOKEN.fullmatch(token):
            for name in (f"{token}{self.suffix}", f"{token}.json"):
                (uploads_dir() / name).unlink(missing_ok=True)

    def sweep(self, now: float | None = None) -> int:
        """Delete this kind's uploads nobody confirmed within a day; return how many files."""
        folder = uploads_dir()
        if not folder.is_dir():
            return 0
        limit = (now or time.time()) - KEEP_SECONDS
        removed = 0
        for path in folder.iterdir():
            if self._owns(path) and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _owns(self, path: Path) -> bool:
        """Whether a file of the folder is one of this kind's data files or notes."""
        name = path.name
        if name.endswith(".json"):
            if not TOKEN.fullmatch(name.removesuffix(".json")):
                return False
            try:
                return json.loads(path.read_text("utf-8")).get("kind") == self.kind
            except (OSError, ValueError, AttributeError):
                return False  # unreadable: not provably ours, so another importer's to judge
        token = name.removesuffix(self.suffix) if self.suffix else name
        return (not self.suffix or name.endswith(self.suffix)) and bool(TOKEN.fullmatch(token))
