"""Who issues a report and in whose words: the organisation of its Decree 30 header, the
director's texts, and what issuing gave it (number, date, signature). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Organisation:
    """Who issues the report: the header of a Decree 30 document."""

    parent_body: str = "UBND TỈNH"
    name: str = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    code: str = "STTTT"
    place: str = ""
    # The name as the department writes it in a sentence ("Sở Thông tin và Truyền thông Trà
    # Vinh"): its unit's name. Casing cannot be undone from capitals alone ("TRÀ VINH").
    written_name: str = ""

    @property
    def prose_name(self) -> str:
        """The name as prose writes it: as written when known, else from the capitals of the
        header ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG" → "Sở Thông tin và Truyền thông")."""
        if self.written_name.strip():
            return " ".join(self.written_name.split())
        text = self.name.strip().lower()
        kind = next((k for k in _ORG_KINDS if text.startswith(k + " ")), "")
        # The kind and each field after it ("Thông tin", "Truyền thông") take a capital.
        parts = re.split(r"(\s+và\s+|,\s*)", text[len(kind) :].strip())
        rest = "".join(p if i % 2 else p[:1].upper() + p[1:] for i, p in enumerate(parts))
        return f"{kind[:1].upper() + kind[1:]} {rest}".strip()


_ORG_KINDS = ("ủy ban nhân dân", "trung tâm", "văn phòng", "chi cục", "sở", "bộ", "cục", "ban")


# The texts of CONTRACT's JSON `texts`, in order (the number is not part of it).
JSON_TEXTS = (
    "introduction",
    "assessment",
    "difficulties",
    "proposals",
    "signer_title",
    "signer_name",
    "recipients",
)


@dataclass(frozen=True)
class ReportTexts:
    """The director's own words for the period, with the signature and recipients."""

    introduction: str = ""
    assessment: str = ""
    difficulties: str = ""
    proposals: str = ""
    signer_title: str = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str = ""
    recipients: str = ""
    number: str = ""
    plan_intro: str = ""  # the sentence above the plan (drafted from the plan when empty)
    signed_on: date | None = None  # the date a draft bears (an imported report's own)

    def to_dict(self) -> dict[str, str]:
        """The texts as CONTRACT's JSON `texts` (the number is not part of it)."""
        return {name: getattr(self, name) for name in JSON_TEXTS}


@dataclass(frozen=True)
class IssueStamp:
    """What issuing gave a report (Decree 30/2020/NĐ-CP): its number, date and signature."""

    number: str  # "45/BC-STTTT"
    issued_on: date
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]
    version: int = 1
    replaces: str | None = None  # "số 45/BC-STTTT ngày 20/10/2026", when it replaces one
