"""Find references to legal documents in text: "Quyết định số 135/QĐ-TTg ngày 20/01/2020".

A reference is an optional type word ("Quyết định", "công văn"), an optional "số" or "số:",
a symbol (số và ký hiệu) and an optional issue date. Symbols follow Decree 30/2020/NĐ-CP and
the Party's rules on documents:

    100/2019/NĐ-CP        normative: number / year / type code - issuer
    135/QĐ-TTg            administrative: number / type code - issuer [- drafting unit]
    4366/BTTTT-HTQT       official letter (công văn): number / issuer [- drafting unit]
    52-NQ/TW              Party: number - type code / Party body

A symbol needs a slash and a code of at least two capitals, so dates (13/01/2014), fractions
(85/85), rates (thuê bao/100 dân) and periods (quý II/2020) are never symbols; its number is
followed at once by "/" or "-", as "1/ UBND tỉnh" is a numbered item. A date belongs to a
reference only when it follows the symbol at once. Text is expected in Unicode NFC, as browsers
and Word write it. Pure: no Flask, no database.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from tracker.domain.issuers import DEFAULT_ISSUERS

# The types a reference can have, legal-normative ones first (Law on Promulgation of Legal
# Documents), then the administrative ones of Decree 30/2020/NĐ-CP, Appendix III.
DOCUMENT_TYPES: list[str] = [
    "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị",
    "Thông tư", "Thông tư liên tịch", "Quy chế", "Quy định", "Thông cáo", "Thông báo",
    "Hướng dẫn", "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo",
    "Biên bản", "Tờ trình", "Hợp đồng", "Công văn", "Công điện", "Bản ghi nhớ",
    "Bản thỏa thuận", "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Giấy nghỉ phép",
    "Phiếu gửi", "Phiếu chuyển", "Phiếu báo", "Kết luận",
]  # fmt: skip

TYPE_CODES: dict[str, str] = {
    # Legal-normative documents
    "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
    # Decree 30/2020/NĐ-CP, Appendix III
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án",
    "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình", "HĐ": "Hợp đồng",
    "CĐ": "Công điện", "GN": "Bản ghi nhớ", "TTh": "Bản thỏa thuận", "UQ": "Giấy ủy quyền",
    "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "NP": "Giấy nghỉ phép", "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển", "PB": "Phiếu báo",
    # Party documents also write conclusions and letters with a code: 15-KL/TW, 12-CV/TU
    "KL": "Kết luận", "CV": "Công văn",
}  # fmt: skip

# Type words as written in text (any case) → type; None: a generic word, the symbol decides.
_TYPE_WORDS: dict[str, str | None] = {name.casefold(): name for name in DOCUMENT_TYPES} | {
    "bản thoả thuận": "Bản thỏa thuận",  # both accent placements are in use
    "giấy uỷ quyền": "Giấy ủy quyền",
    "thông báo kết luận": "Thông báo",  # else "kết luận" alone would be taken as the type
    "văn bản": None,
}

# Standard capitalisation of every known code, for symbols typed in lower case, and of the
# type codes, which headings in capitals write "TTR" or "QYĐ".
_CANONICAL_CODES = {code.casefold(): code for code in (*TYPE_CODES, *DEFAULT_ISSUERS)}
_CANONICAL_TYPE_CODES = {code.casefold(): code for code in TYPE_CODES}

# Vietnamese capitals: ASCII, Latin-1 and Latin Extended-B ones, then U+1EA0–U+1EF9, where
# capitals and small letters alternate (Ạ ạ Ả ả ...).
_VI_CAPITALS = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ" + "".join(map(chr, range(0x1EA0, 0x1EFA, 2)))


def _pattern(capitals: str) -> str:
    """Build the reference pattern, with `capitals` as the letters a code is made of."""
    # A code: capitals, "&" and at most one small letter between or after them (TTg, QyĐ,
    # CTr, TT&TT), then digits (QH14). Two capitals at least, so "Ủy", "Tp", "A3" are not codes.
    code = rf"[{capitals}](?:[a-z]?[{capitals}&])+[a-z]?\d*(?![^\W_])"
    types = "|".join(
        re.escape(word).replace(r"\ ", r"\s+") for word in sorted(_TYPE_WORDS, key=len)[::-1]
    )
    numeric_date = r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d(?!\d)"
    return rf"""
    (?<!\w)
    (?:(?i:(?P<type>{types}))\s+)?          # Quyết định, công văn, THÔNG TƯ, Văn bản
    (?:(?i:số)\s*:?\s*)?                    # số, Số:
    (?<![\w.,/-])(?<!\d:)                   # a whole number: not 1.552, 1/2 nor QCVN 9:2016
    (?P<symbol>
        # The number is followed at once by its separator: "1/ UBND tỉnh" is a numbered item.
        \d{{1,5}}[a-z]?                     # 135, 02, 36a
        (?: / (?:(?P<year>(?:19|20)\d\d) \s*/\s*)? {code}    # 135/QĐ, 100/2019/NĐ
          | - {code} \s*/\s* {code}                          # 52-NQ/TW
        )
        # More parts: -TTg, -HTQT, /CC. Lines break after a dash, not before one, and " - "
        # is punctuation, so no space before a dash.
        (?: (?: \s*/\s* | -\s* ) {code} )*
    )
    (?P<date>                               # only when it follows the symbol at once
        \s*,?\s* (?i:ngày) \s+
        (?: {numeric_date}
          | \d{{1,2}} \s+ (?i:tháng) \s+ \d{{1,2}} \s+ (?i:năm) \s+ (?:19|20)\d\d )
      | \s+ {numeric_date}                  # a bare date: 126-QĐ/TW 28/02/2018
    )?
    """


_REF = re.compile(_pattern(_VI_CAPITALS), re.VERBOSE)
# What users type may be all small letters; then only ASCII and Đ make codes, so that a typed
# "3/tháng" is not a symbol.
_TYPED_REF = re.compile(_pattern("A-ZĐ"), re.VERBOSE | re.IGNORECASE)

_SPACE = re.compile(r"\s+")
# A code in a symbol: what follows a separator and starts with a letter (not a year).
_SYMBOL_CODE = re.compile(r"(?<=[-/])[^\W\d_][^-/]*")


@dataclass(frozen=True)
class LegalRef:
    """A reference to a legal document, found at text[start:end]."""

    type: str
    symbol: str
    number: str
    year: int | None
    issuer_code: str | None
    date: datetime.date | None
    start: int
    end: int

    @property
    def key(self) -> tuple[str, int | None]:
        """The identity of the document, for spotting duplicates."""
        return symbol_key(self.symbol), self.year

    def to_dict(self) -> dict[str, object]:
        """Return the reference as the JSON object of the contract."""
        return {
            "type": self.type,
            "symbol": self.symbol,
            "number": self.number,
            "year": self.year,
            "issuer_code": self.issuer_code,
            "date": self.date.isoformat() if self.date else None,
            "start": self.start,
            "end": self.end,
        }


def find_refs(text: str) -> list[LegalRef]:
    """Return every legal reference in the text, in order of appearance."""
    return [_to_ref(match) for match in _REF.finditer(text)]


def parse_ref(text: str) -> LegalRef | None:
    """Parse a reference typed into a form, in any case; None unless the text starts with one."""
    match = _TYPED_REF.match(text, len(text) - len(text.lstrip()))
    return _to_ref(match, canonical=True) if match else None


def symbol_key(symbol: str) -> str:
    """Return the symbol without spaces, case-folded and with đ as d: the duplicate key."""
    return _SPACE.sub("", symbol).casefold().replace("đ", "d")


def _to_ref(match: re.Match[str], canonical: bool = False) -> LegalRef:
    symbol = _SPACE.sub("", match["symbol"])
    if canonical:
        symbol = _SYMBOL_CODE.sub(lambda code: _canonical_code(code[0]), symbol)
    number, *codes = re.split(r"[-/]", symbol)
    symbol_year = match["year"]
    codes = [code for code in codes if code != symbol_year]

    # The first code is the type (QĐ in 135/QĐ-TTg) and the issuer follows it; an official
    # letter has no type code, so its first code is the issuer (BTTTT in 4366/BTTTT-HTQT).
    type_code = _CANONICAL_TYPE_CODES.get(codes[0].casefold())
    issuer_codes = codes[1:] if type_code else codes
    # QH14 is the 14th National Assembly: the issuer is QH.
    issuer = issuer_codes[0].rstrip("0123456789") if issuer_codes else None

    type_word = _SPACE.sub(" ", match["type"]).casefold() if match["type"] else ""
    doc_type = _TYPE_WORDS.get(type_word)
    if doc_type is None:
        if type_code:
            doc_type = TYPE_CODES[type_code]
        elif symbol_year and issuer == "QH":  # 86/2015/QH13: a law has no type code
            doc_type = "Luật"
        else:
            doc_type = "Công văn"
    issued = _date(match["date"])
    return LegalRef(
        type=doc_type,
        symbol=symbol,
        number=number,
        year=int(symbol_year) if symbol_year else issued.year if issued else None,
        issuer_code=issuer or None,
        date=issued,
        start=match.start(),
        end=match.end() if issued else match.end("symbol"),
    )


def _date(text: str | None) -> datetime.date | None:
    """Return the date of "ngày 13/01/2014" or "ngày 06 tháng 4 năm 2011"; None if invalid."""
    if not text:
        return None
    day, month, year = (int(n) for n in re.findall(r"\d+", text))
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 31/02/2020: the reference stands, without a date
        return None


def _canonical_code(code: str) -> str:
    """Return a typed code in its standard capitalisation: ttg → TTg, qh14 → QH14."""
    letters = code.rstrip("0123456789")
    digits = code[len(letters) :]
    return _CANONICAL_CODES.get(letters.casefold(), letters.upper()) + digits
