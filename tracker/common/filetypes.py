"""What an uploaded file is: judged from its bytes, and its name must say the same.

A file is accepted when its name's extension is on the allow-list and the bytes are of the
kind that extension names: `xss.html` is refused though it is UTF-8 text, `a.pdf` holding a
program is refused, a PDF named `.txt` too. Names are cleaned of the characters that make a
name read otherwise than it is (right-to-left overrides, other format and control characters).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_POWERPOINT = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_ODT = "application/vnd.oasis.opendocument.text"
_ODS = "application/vnd.oasis.opendocument.spreadsheet"

# extension → (the kind its bytes must be, the content type it is served with)
ALLOWED = {
    ".pdf": ("pdf", "application/pdf"),
    ".docx": ("docx", _WORD),
    ".xlsx": ("xlsx", _EXCEL),
    ".pptx": ("pptx", _POWERPOINT),
    ".odt": ("odt", _ODT),
    ".ods": ("ods", _ODS),
    ".doc": ("ole2", "application/msword"),
    ".xls": ("ole2", "application/vnd.ms-excel"),
    ".ppt": ("ole2", "application/vnd.ms-powerpoint"),
    ".png": ("png", "image/png"),
    ".jpg": ("jpeg", "image/jpeg"),
    ".jpeg": ("jpeg", "image/jpeg"),
    ".txt": ("text", "text/plain"),
    ".zip": ("zip", "application/zip"),
}
# Office and OpenDocument files are zip packages: one may be sent as a plain .zip too.
_PACKAGES = frozenset({"zip", "docx", "xlsx", "pptx", "odt", "ods"})
_OOXML = {
    "wordprocessingml.document.main+xml": "docx",
    "spreadsheetml.sheet.main+xml": "xlsx",
    "presentationml.presentation.main+xml": "pptx",
}
_ODF = {_ODT: "odt", _ODS: "ods"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*]+')
_MANIFEST_MAX = 1_000_000  # a manifest is a few kB; a bigger one is not a manifest


def content_kind(data: bytes) -> str | None:
    """What the bytes are ("pdf", "docx", "ole2", "png", "text", "zip" ...); None otherwise."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(_OLE2):
        return "ole2"
    if data.startswith(b"PK\x03\x04"):
        return _package_kind(data)
    return "text" if _is_text(data) else None


def _package_kind(data: bytes) -> str | None:
    """An Office Open XML or OpenDocument package by its manifest, else a plain zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            first = entries[0] if entries else None
            if first is not None and first.filename == "mimetype" and first.file_size < 100:
                return _ODF.get(archive.read(first).decode("ascii", "replace").strip(), "zip")
            try:
                info = archive.getinfo("[Content_Types].xml")
            except KeyError:
                return "zip"
            if info.file_size > _MANIFEST_MAX:
                return None
            manifest = archive.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError):
        return None
    # Macro-enabled packages (docm, xlsm) declare other main types: not Office files here.
    for main_type, kind in _OOXML.items():
        if f'ContentType="application/vnd.openxmlformats-officedocument.{main_type}"' in manifest:
            return kind
    return "zip"


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(text.strip()) and not _CONTROL.search(text)


def extension(filename: str) -> str:
    """The name's extension, lower case with its dot ("" when it has none)."""
    stem, dot, suffix = filename.rpartition(".")
    return f".{suffix.lower()}" if dot and stem else ""


def accepted_type(data: bytes, filename: str) -> str | None:
    """The content type to keep the file under, when its extension is allowed and agrees
    with what its bytes are; None otherwise."""
    allowed = ALLOWED.get(extension(filename))
    if allowed is None:
        return None
    kind = content_kind(data)
    wanted, content_type = allowed
    return content_type if kind == wanted or (wanted == "zip" and kind in _PACKAGES) else None


def clean_name(filename: str | None, default: str = "tep-dinh-kem") -> str:
    """An uploaded file's own name, safe to show and to offer as a download name: the last
    path part, without control, format (bidi overrides, zero-width) or reserved characters."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    # Categories C*: controls, format characters (U+202E, U+2066, U+200E, U+061C ...),
    # surrogates, private use and unassigned. U+2028/2029 are separators (Z*): gone too.
    name = "".join(
        c for c in name if not unicodedata.category(c).startswith("C") and c not in "\u2028\u2029"
    )
    name = _UNSAFE_NAME.sub("_", name).strip(" ._") or default
    if len(name) > 200:
        stem, dot, suffix = name.rpartition(".")
        name = stem[:190] + dot + suffix[:9] if dot and len(suffix) < 10 else name[:200]
    return name
