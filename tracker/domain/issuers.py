"""Issuing bodies (cơ quan ban hành) as they appear in document symbols: "TTg", "BTTTT", "UBND".

These are the defaults; the admin edits the dictionary in the database, and callers pass
those edits as `overrides`. Pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Mapping

# Code → full name. "UBND", "HĐND", "VP", "TU" name the province's own bodies: in a
# provincial department's papers they mean "of this province".
DEFAULT_ISSUERS: dict[str, str] = {
    # National bodies
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CTN": "Chủ tịch nước",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "TTCP": "Thanh tra Chính phủ",
    "KTNN": "Kiểm toán nhà nước",
    "TANDTC": "Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "UBDT": "Ủy ban Dân tộc",
    "BHXH": "Bảo hiểm xã hội Việt Nam",
    # Ministries
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BNG": "Bộ Ngoại giao",
    "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BTC": "Bộ Tài chính",
    "BCT": "Bộ Công Thương",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BGTVT": "Bộ Giao thông vận tải",
    "BXD": "Bộ Xây dựng",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BYT": "Bộ Y tế",
    # Agencies of the Ministry of Information and Communications
    "CATTT": "Cục An toàn thông tin",
    "THH": "Cục Tin học hóa",
    "TTCS": "Cục Thông tin cơ sở",
    # The Party
    "TW": "Ban Chấp hành Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTCTW": "Ban Tổ chức Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "TU": "Tỉnh ủy",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy",
    # The province
    "HĐND": "Hội đồng nhân dân tỉnh",
    "UBND": "Ủy ban nhân dân tỉnh",
    "VP": "Văn phòng Ủy ban nhân dân tỉnh",
    "BCĐ": "Ban Chỉ đạo",
    "STTTT": "Sở Thông tin và Truyền thông",
    "SNV": "Sở Nội vụ",
    "STC": "Sở Tài chính",
    "SKHĐT": "Sở Kế hoạch và Đầu tư",
}

_FOLDED = {code.casefold(): name for code, name in DEFAULT_ISSUERS.items()}


def issuer_name(code: str | None, overrides: Mapping[str, str] | None = None) -> str | None:
    """Return the full name of an issuer code, preferring the admin's overrides."""
    if not code:
        return None
    overrides = overrides or {}
    if code in overrides:
        return overrides[code]
    if code in DEFAULT_ISSUERS:
        return DEFAULT_ISSUERS[code]
    # Typed codes come in any case ("ubnd"); an exact match above wins over this.
    folded = code.casefold()
    for key, name in overrides.items():
        if key.casefold() == folded:
            return name
    return _FOLDED.get(folded)
