"""What a past report is made of: its lines as the readers give them, and the parsed report.

Both readers (.txt and .docx) produce `Line`s cleaned the same way; the parser turns them
into a `ParsedReport`. Pure: no Flask, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

# A numbered line ("6.1. Title", "2) Title") and a bulleted one ("- item", "+ sub-item", "*.").
NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)([.)])?\s+(\S.*)")
MARKER = re.compile(r"([-–—•·▪●+]|\*+[.)]?)\s*(\S.*)")


class NotAReportError(ValueError):
    """The file is not a report in the structure of the sample; the message says why."""


class Line(NamedTuple):
    """A paragraph of the report, cleaned; `table` when it comes from a table's row."""

    text: str
    table: bool = False  # from a table: content, never a heading, never joined to a sentence


def clean_line(text: str) -> str:
    """NFC text without zero-width characters, markdown bold or runs of white space."""
    text = unicodedata.normalize("NFC", text).replace("**", "")  # markdown bold in a .txt
    return re.sub(r"\s+", " ", re.sub(r"[\u200b-\u200d\ufeff\u00ad]", "", text)).strip()


@dataclass
class ParsedItem:
    """An achievement as written: its text and its "+ " sub-items."""

    text: str
    subitems: list[str] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        """Return the item with its "+ " sub-items, one per line."""
        return "\n".join([self.text, *(f"+ {sub}" for sub in self.subitems)])


@dataclass
class ParsedSection:
    """A heading of the report with its items and the headings below it."""

    code: str  # the database's path code: "I", "I.6", "I.6.1"
    number: str  # as written: "I", "6", "6.1"
    title: str
    level: int
    items: list[ParsedItem] = field(default_factory=list)
    children: list[ParsedSection] = field(default_factory=list)

    def walk(self) -> Iterator[ParsedSection]:
        """Yield this section and its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedReport:
    """Everything read from a report: header, sections, the director's texts, the plan."""

    organisation: str | None = None
    parent_body: str | None = None
    number: str | None = None
    issued_on: date | None = None
    place: str | None = None
    title: str = ""
    subject: str = ""
    introduction: str = ""  # paragraphs between the subject and the first heading
    sections: list[ParsedSection] = field(default_factory=list)
    assessment: str = ""
    difficulties: str = ""
    proposals: str = ""
    plan_heading: str = ""
    plan_intro: str = ""
    plan_items: list[str] = field(default_factory=list)
    closing: str = ""
    recipients: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""

    def walk(self) -> Iterator[ParsedSection]:
        """Yield every achievement section depth first, in report order."""
        for section in self.sections:
            yield from section.walk()

    @property
    def item_count(self) -> int:
        """Return the number of achievement items in all sections."""
        return sum(len(section.items) for section in self.walk())
