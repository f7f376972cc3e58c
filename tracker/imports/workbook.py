"""Guards for an uploaded Excel workbook: size, format, zip bombs, and a safe way to open it.

An .xlsx file is a zip package. Before openpyxl sees it, the file must be small enough, a zip
with a workbook inside (not an old .xls or a password-protected file, which are OLE2), and
must not inflate far beyond its size. Opening it then turns whatever a malformed workbook
raises inside openpyxl into one refusal a user understands. Pure: no Flask, no database.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any

from openpyxl import load_workbook

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED = 50 * 1024 * 1024
MAX_RATIO = 100
# A small member cannot bomb anything, whatever its ratio; only large ones are judged by it.
_RATIO_FLOOR = 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx
_MEMBERS = {"[Content_Types].xml", "xl/workbook.xml"}
NOT_XLSX = "Tệp không phải là tệp Excel .xlsx hợp lệ."
UNREADABLE = "Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng cấu trúc .xlsx."


class WorkbookRefused(ValueError):
    """The file is refused as a whole; `messages` say why, in Vietnamese."""

    def __init__(self, *messages: str) -> None:
        super().__init__(" ".join(messages))
        self.messages = list(messages)


def megabytes(size: int) -> str:
    """A byte count as "5,0 MB" (Vietnamese decimal comma)."""
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def check_package(data: bytes, max_bytes: int = MAX_BYTES) -> None:
    """Refuse a file too big, not an xlsx, or that would inflate far beyond its size."""
    if len(data) > max_bytes:
        raise WorkbookRefused(
            f"Tệp quá lớn ({megabytes(len(data))}); tối đa {megabytes(max_bytes)}."
        )
    if data[:8] == _OLE2:
        hint = "Tệp .xls cũ hoặc có mật khẩu: hãy mở bằng Excel, lưu lại dạng .xlsx không mật khẩu."
        raise WorkbookRefused(NOT_XLSX, hint)
    try:
        if not zipfile.is_zipfile(BytesIO(data)):
            raise WorkbookRefused(NOT_XLSX)
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except WorkbookRefused:
        raise
    except Exception as exc:  # a damaged central directory fails in many ways
        raise WorkbookRefused(NOT_XLSX) from exc
    if not _MEMBERS <= {m.filename for m in members}:
        raise WorkbookRefused(NOT_XLSX)
    # Declared sizes are trustworthy enough: zipfile stops at them and checks the CRC.
    if sum(m.file_size for m in members) > MAX_UNZIPPED:
        raise WorkbookRefused(
            f"Tệp Excel giải nén ra hơn {megabytes(MAX_UNZIPPED)} (nghi “bom nén”)."
        )
    for m in members:
        if m.file_size > _RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise WorkbookRefused(
                f"Tệp Excel có phần nén bất thường, hơn {MAX_RATIO} lần (nghi “bom nén”)."
            )


@contextmanager
def opened_workbook(data: bytes, own: tuple[type[Exception], ...] = ()) -> Iterator[Any]:
    """Open a checked package read-only (values, not formulas; no external links).

    A failure inside the block, other than the caller's `own` refusals, becomes
    WorkbookRefused(UNREADABLE): a malformed workbook can fail anywhere inside openpyxl,
    and in read-only mode it is parsed while the rows are read.
    """
    book = None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it skips (validation extensions, default styles).
            warnings.simplefilter("ignore")
            book = load_workbook(BytesIO(data), read_only=True, data_only=True, keep_links=False)
            yield book
    except (WorkbookRefused, *own):
        raise
    except Exception as exc:
        raise WorkbookRefused(UNREADABLE) from exc
    finally:
        if book is not None:
            book.close()
