"""Property tests: references in every form come back exactly; other text yields none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.issuers import DEFAULT_ISSUERS
from tracker.domain.legal_refs import DOCUMENT_TYPES, TYPE_CODES, find_refs, parse_ref

# Vietnamese phrases that cannot form a reference: no digits, and none ends with a syllable
# of a type word or "số", so the text before an inserted reference never lends it a type.
VOCABULARY = [
    "triển khai", "thực hiện", "tăng cường", "công tác", "tuyên truyền", "trên địa bàn tỉnh",
    "Trà Vinh", "về việc", "của", "Thủ tướng Chính phủ", "UBND tỉnh", "CNTT", "đơn vị",
    "các xã", "huyện Càng Long", "Sở Thông tin và Truyền thông tỉnh", "phòng, chống dịch",
    "nông thôn mới", "an toàn thông tin", "chuyển đổi số hóa", "Cục An toàn thông tin",
    "cơ quan nhà nước", "dịch vụ công trực tuyến", "chữ ký số chuyên dùng", "Bưu điện tỉnh",
    "HĐND tỉnh", "Tỉnh ủy Trà Vinh", "đề nghị với", "phối hợp thực hiện", "rà soát", "kịp thời",
    "Ủy ban nhân dân", "VNPT", "LGSP", "người dân", "doanh nghiệp", "theo", "và", "với",
    "cấp tỉnh", "mạng xã hội", "Tp Trà Vinh", "Đài Phát thanh & Truyền hình",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "\n", ", ", "; ", ". ", " (", "\n\n"]

_TYPE_SYLLABLES = {s for name in DOCUMENT_TYPES for s in name.casefold().split()}
_TYPE_SYLLABLES |= {"số", "văn", "bản", "ngày"}
assert not [p for p in VOCABULARY if p.casefold().split()[-1] in _TYPE_SYLLABLES]

CAPITALS = "ABCDĐEGHIKLMNOPQRSTUVXYĂÂÊÔƠƯ"
KNOWN_CODES = {code.casefold() for code in (*TYPE_CODES, *DEFAULT_ISSUERS)}
TYPE_CODE_KEYS = {code.casefold() for code in TYPE_CODES}


# Strategies are built once, at import: building them inside each draw is what makes
# hypothesis slow.
INSIDE = st.sampled_from(["", "", "", " ", "\n"])  # white space where a symbol may break
NUMBERS = st.one_of(
    st.integers(1, 99999).map(str),
    st.integers(1, 9).map(lambda n: f"{n:02d}"),  # 02
    st.builds(lambda n, letter: f"{n}{letter}", st.integers(1, 999), st.sampled_from("abc")),
)
YEARS = st.integers(1990, 2030)
FORMS = st.sampled_from(["normative", "administrative", "letter", "party", "law"])
NORMATIVE_CODES = st.sampled_from(["NĐ", "TT", "TTLT", "QĐ", "NQ", "CT"])
ALL_TYPE_CODES = st.sampled_from(sorted(TYPE_CODES))
PARTY_CODES = st.sampled_from(["NQ", "QĐ", "CT", "KL", "HD", "TB", "CV", "QC", "BC"])
PARTY_BODIES = st.sampled_from(["TW", "TU", "BTGTW", "VPTW", "BTCTW", "UBKTTW", "BCĐ", "BTGTU"])
ISSUER_CODES = st.sampled_from([c for c in DEFAULT_ISSUERS if c.casefold() not in TYPE_CODE_KEYS])
UNIT_SEPARATORS = st.lists(st.sampled_from("-/"), max_size=2)


def _code(letters: str, cut: int | None) -> str:
    return letters if cut is None or len(letters) < 4 else f"{letters[:cut]}&{letters[cut:]}"


def units(alphabet: str) -> st.SearchStrategy[str]:
    """A made-up unit code (HTQT, VNCERT, TT&TT) that is no known code, which typing recases."""
    letters = st.text(alphabet=alphabet, min_size=2, max_size=7)
    made_up = st.builds(_code, letters, st.one_of(st.none(), st.integers(1, 2)))
    return made_up.filter(lambda c: c.casefold() not in KNOWN_CODES)


@dataclass
class Written:
    text: str
    type: str
    symbol: str
    number: str
    year: int | None
    issuer: str
    date: date | None


@st.composite
def symbols(draw, unit_codes: st.SearchStrategy[str]):
    """(written symbol, symbol without spaces, type from the symbol, number, year, issuer)."""
    form = draw(FORMS)
    number = draw(NUMBERS)
    issuer = draw(st.one_of(ISSUER_CODES, unit_codes))  # never a type code
    year = None
    if form == "normative":
        year, type_code = draw(YEARS), draw(NORMATIVE_CODES)
        parts = [number, "/", str(year), draw(INSIDE), "/", draw(INSIDE), type_code]
        parts += ["-", draw(INSIDE), issuer]
        doc_type = TYPE_CODES[type_code]
    elif form == "law":
        year, issuer, doc_type = draw(YEARS), "QH", "Luật"
        parts = [number, "/", str(year), "/", draw(INSIDE), f"QH{draw(st.integers(9, 16))}"]
    elif form == "administrative":
        type_code = draw(ALL_TYPE_CODES)
        parts = [number, "/", type_code, "-", draw(INSIDE), issuer]
        doc_type = TYPE_CODES[type_code]
    elif form == "letter":
        parts, doc_type = [number, "/", issuer], "Công văn"
    else:
        type_code, issuer = draw(PARTY_CODES), draw(PARTY_BODIES)
        parts = [number, "-", type_code, draw(INSIDE), "/", draw(INSIDE), issuer]
        doc_type = TYPE_CODES[type_code]
    # Drafting units and their sections: -HTQT, -VNCERT/CC
    for separator in draw(UNIT_SEPARATORS):
        before = draw(INSIDE) if separator == "/" else ""
        parts += [before, separator, draw(INSIDE), draw(unit_codes)]
    written = "".join(parts)
    return written, re.sub(r"\s", "", written), doc_type, number, year, issuer


def _numeric(d: date, pad: bool) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if pad else f"{d.day}/{d.month}/{d.year}"


_DAY = st.dates(date(1990, 1, 1), date(2030, 12, 31))
# An issue date as written after a symbol, in every form, or none.
DATES_WRITTEN = st.one_of(
    st.just(("", None)),
    st.builds(lambda d, p, w: (f"{w}ngày {_numeric(d, p)}", d), _DAY, st.booleans(),
              st.sampled_from([" ", "\n"])),
    st.builds(lambda d, p: (f", ngày {_numeric(d, p)}", d), _DAY, st.booleans()),
    st.builds(lambda d: (f" Ngày {d.day:02d} tháng {d.month} năm {d.year}", d), _DAY),
    st.builds(lambda d: (f" ngày {d.day} tháng {d.month:02d} năm {d.year}", d), _DAY),
    st.builds(lambda d: (f" {_numeric(d, True)}", d), _DAY),  # bare: 126-QĐ/TW 28/02/2018
)  # fmt: skip
TYPE_WORDS = st.one_of(st.none(), st.sampled_from([*DOCUMENT_TYPES, "Văn bản"]))
CASINGS = st.sampled_from([str, str.lower, str.upper])
AFTER_TYPE_WORD = st.sampled_from([" ", "\n", "  "])
NUMBER_WORDS = st.sampled_from(["", "", "số ", "Số ", "số: ", "Số:", "số\n", "SỐ "])


@st.composite
def references(draw, unit_codes: st.SearchStrategy[str]) -> Written:
    """A reference written in any supported form."""
    written, symbol, doc_type, number, year, issuer = draw(symbols(unit_codes))
    word = draw(TYPE_WORDS)
    prefix = ""
    if word is not None:
        prefix = draw(CASINGS)(word) + draw(AFTER_TYPE_WORD)
        doc_type = word if word != "Văn bản" else doc_type
    prefix += draw(NUMBER_WORDS)
    date_text, issued = draw(DATES_WRITTEN)
    return Written(
        text=prefix + written + date_text,
        type=doc_type,
        symbol=symbol,
        number=number,
        year=year or (issued.year if issued else None),
        issuer=issuer,
        date=issued,
    )


VI_UNITS = units(CAPITALS)
# Typed references in small letters: codes of ASCII letters and Đ only (see parse_ref).
TYPED_UNITS = units("ABCDĐEGHIKLMNOPQRSTUVXY")


def prose() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(VOCABULARY), max_size=6).map(" ".join)


@settings(max_examples=250, deadline=None)
@given(
    ref=references(VI_UNITS),
    before=prose(),
    after=prose(),
    opening=st.sampled_from(SEPARATORS),
    closing=st.sampled_from(SEPARATORS),
)
def test_a_reference_in_prose_comes_back_exactly(ref, before, after, opening, closing):
    head = before + opening if before else ""
    text = head + ref.text + closing + after
    (found,) = find_refs(text)
    assert (found.type, found.symbol, found.number) == (ref.type, ref.symbol, ref.number)
    assert (found.year, found.issuer_code, found.date) == (ref.year, ref.issuer, ref.date)
    assert (found.start, found.end) == (len(head), len(head) + len(ref.text))


@settings(max_examples=100, deadline=None)
@given(refs=st.lists(references(VI_UNITS), min_size=2, max_size=4), glue=prose())
def test_references_in_a_row_come_back_in_order(refs, glue):
    text = f" {glue}; ".join(ref.text for ref in refs)
    assert [r.symbol for r in find_refs(text)] == [ref.symbol for ref in refs]


@settings(max_examples=150, deadline=None)
@given(ref=references(TYPED_UNITS), trailing=prose())
def test_a_typed_reference_in_any_case_parses_to_the_same(ref, trailing):
    # Codes here are known ones or made-up capitals, so their standard form is as written.
    typed = ref.text.lower() + " " + trailing
    parsed = parse_ref(typed)
    assert parsed is not None
    assert (parsed.type, parsed.symbol, parsed.year) == (ref.type, ref.symbol, ref.year)
    assert (parsed.issuer_code, parsed.date) == (ref.issuer, ref.date)
    assert (parsed.start, parsed.end) == (0, len(ref.text))


# --- Text with numbers but no reference ----------------------------------------------------

_day = st.dates(date(1990, 1, 1), date(2030, 12, 31))
_int = st.integers(0, 10_000_000)
_PHONE = st.tuples(st.integers(200, 299), st.integers(1000, 9999), st.integers(100, 999))
NOISE = st.one_of(
    st.sampled_from(VOCABULARY),
    _int.map(str),
    _int.map(lambda n: f"{n:,}".replace(",", ".")),  # 1.009.186
    st.tuples(_int, st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]:02d}"),  # 74,18
    st.tuples(st.integers(0, 100), st.integers(0, 99), st.sampled_from(["%", " %"])).map(
        lambda t: f"{t[0]},{t[1]}{t[2]}"
    ),
    _day.map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    _day.map(lambda d: f"ngày {d.day:02d}/{d.month:02d}/{d.year}"),
    _day.map(lambda d: f"ngày {d.day} tháng {d.month} năm {d.year}"),
    _day.map(lambda d: f"{d.day}/{d.month}"),  # 26/6
    _day.map(lambda d: f"tháng {d.month}/{d.year}"),
    st.sampled_from(["I", "II", "III", "IV"]).map(lambda q: f"quý {q}/2020"),
    st.tuples(st.integers(0, 999), st.integers(1, 999)).map(lambda t: f"{t[0]}/{t[1]}"),
    st.integers(1, 60).map(lambda n: f"{n} phút/ngày"),
    st.tuples(st.integers(0, 99), st.integers(0, 99)).map(
        lambda t: f"{t[0]},{t[1]} thuê bao/100 dân"
    ),
    _PHONE.map(lambda n: f"0{n[0]}.{n[1]}.{n[2]}"),  # 0294.3855.123
    _PHONE.map(lambda n: f"(0{n[0]}) {n[1] // 1000} {n[1] % 1000:03d} {n[2]}"),
    _PHONE.map(lambda n: f"+84 9{n[0] % 100:02d} {n[2]} {n[1] % 1000:03d}"),
    _PHONE.map(lambda n: f"09{n[0] % 100:02d}-{n[2]}-{n[1] % 1000:03d}"),
    st.tuples(st.integers(1, 999), st.integers(1, 99), st.sampled_from(["", "A", "B"])).map(
        lambda t: f"số {t[0]}/{t[1]}{t[2]} đường Nguyễn Đáng"
    ),
    st.integers(1990, 2030).map(lambda y: f"giai đoạn {y}-{y + 5}"),
    st.sampled_from([
        "COVID-19", "A(H5N1)", "VNPT-iOffice", "CQĐT 2.0", "(VNPT - iGate)", "Bộ TT&TT (b/c)",
        "04 đ/c", "Quyết định", "Kế hoạch năm 2020", "Nghị định, Quyết định của Chính phủ",
        "Luật phòng, chống tác hại của rượu bia", "1/ UBND tỉnh", "2/ CNTT", "số 12",
        "Công văn số", "mạng 4G/LTE",
    ]),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(tokens=st.lists(st.tuples(NOISE, st.sampled_from([*SEPARATORS, " - "])), max_size=25))
def test_numbers_dates_phones_and_addresses_are_not_references(tokens):
    text = "".join(token + separator for token, separator in tokens)
    assert find_refs(text) == []


# --- Robustness ----------------------------------------------------------------------------

RISKY = "0123456789/-.,:;& \n\tQĐTgUBNDCPKHVyrhsốngàytháng năm()"


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), st.text(alphabet=RISKY, max_size=120)))
def test_find_refs_never_raises_and_spans_are_sane(text):
    refs = find_refs(text)
    for ref in refs:
        assert 0 <= ref.start < ref.end <= len(text)
        assert ref.number in text[ref.start : ref.end]
        assert ref.symbol == re.sub(r"\s", "", ref.symbol)
    assert all(a.end <= b.start for a, b in zip(refs, refs[1:], strict=False))
    parse_ref(text)  # never raises either
