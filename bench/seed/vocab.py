"""The words a synthetic province is written in: units, people, titles, results, notes.

Drawn from the demo department (tracker/demo/demo.json) and the sample report,
so that a page full of synthetic tasks reads like a real department's work.
"""

from __future__ import annotations

ROOT = ("STTTT", "Sở Thông tin và Truyền thông", "Sở TT&TT", "department")

# code, name, short name, kind: the department's own divisions and centres.
PROVINCIAL = [
    ("VP", "Văn phòng Sở", "Văn phòng", "office"),
    ("TTRA", "Thanh tra Sở", "Thanh tra", "inspectorate"),
    ("BCVT", "Phòng Bưu chính, Viễn thông – Công nghệ thông tin", "Phòng BCVT-CNTT", "division"),
    ("TTBC", "Phòng Thông tin – Báo chí – Xuất bản", "Phòng TT-BC-XB", "division"),
    ("TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông", "Trung tâm CNTT&TT", "center"),
    ("KHTC", "Phòng Kế hoạch – Tài chính", "Phòng KH-TC", "division"),
    ("CDS", "Phòng Chuyển đổi số", "Phòng CĐS", "division"),
    ("ATTT", "Phòng An toàn thông tin", "Phòng ATTT", "division"),
    ("IOC", "Trung tâm Giám sát, điều hành đô thị thông minh", "Trung tâm IOC", "center"),
    ("CTTDT", "Ban Biên tập Cổng thông tin điện tử tỉnh", "Cổng TTĐT", "center"),
    ("PVHCC", "Trung tâm Phục vụ hành chính công tỉnh", "Trung tâm PVHCC", "center"),
    ("BCXB", "Phòng Quản lý Báo chí – Xuất bản", "Phòng BC-XB", "division"),
    ("TTDN", "Phòng Thông tin đối ngoại", "Phòng TTĐN", "division"),
    ("TTCS", "Phòng Thông tin cơ sở", "Phòng TTCS", "division"),
    ("VT", "Phòng Viễn thông", "Phòng VT", "division"),
    ("TCCB", "Phòng Tổ chức cán bộ", "Phòng TCCB", "division"),
]

# code, place: the province's district-level localities (Trà Vinh's nine).
DISTRICTS = [
    ("CL", "huyện Càng Long"),
    ("CK", "huyện Cầu Kè"),
    ("TC", "huyện Tiểu Cần"),
    ("CT", "huyện Châu Thành"),
    ("CN", "huyện Cầu Ngang"),
    ("TRC", "huyện Trà Cú"),
    ("DH", "huyện Duyên Hải"),
    ("TXDH", "thị xã Duyên Hải"),
    ("TPTV", "thành phố Trà Vinh"),
]

# suffix, name: the district-level bodies under each district's culture and information office.
DISTRICT_BODIES = [
    ("TT", "Trung tâm Văn hóa, Thông tin và Thể thao"),
    ("DTT", "Đài Truyền thanh"),
    ("VP", "Văn phòng HĐND và UBND"),
    ("NV", "Phòng Nội vụ"),
    ("MC", "Bộ phận Tiếp nhận và Trả kết quả"),
    ("GD", "Phòng Giáo dục và Đào tạo"),
    ("TCKH", "Phòng Tài chính – Kế hoạch"),
    ("TP", "Phòng Tư pháp"),
    ("KT", "Phòng Kinh tế"),
    ("LDTB", "Phòng Lao động – Thương binh và Xã hội"),
]

COMMUNE_FIRST = (
    "An Bình Đại Hiếu Hòa Long Mỹ Ngãi Phước Tân Thạnh Trung Vĩnh Hưng Phú Kim Lưu Đôn "
    "Nhị Tập Huyền Ngũ Đa Thanh Hàm Ninh Song Định"
).split()
COMMUNE_SECOND = (
    "Phú Lợi Hòa Thuận Trung Tân Sơn Xuân Hội Lộc Hưng Đông Tây Quới Khánh Thới Bình Giang "
    "Lạc Mỹ Phước An Thành Hiệp Long"
).split()

SURNAMES = (
    "Nguyễn Trần Lê Phạm Huỳnh Hoàng Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Thạch Kim Lâm "
    "Châu Tô Trương Sơn Triệu"
).split()
MIDDLE = "Văn Thị Minh Thanh Hoàng Quốc Ngọc Thu Hữu Đức Mỹ Kim Thành Bảo Gia".split()
GIVEN = (
    "An Bình Cường Dũng Đức Giang Hà Hải Hạnh Hiếu Hoa Hùng Hương Khánh Lan Linh Long Mai "
    "Nam Nga Phúc Phương Quang Sơn Tâm Thảo Trí Trung Tuấn Vy Yến Sa Rết Sóc Kiều Hậu Lộc"
).split()

VERBS = (
    "Triển khai",
    "Tham mưu",
    "Xây dựng",
    "Tổ chức",
    "Kiểm tra",
    "Báo cáo",
    "Đôn đốc",
    "Hướng dẫn",
    "Rà soát",
    "Tuyên truyền",
    "Hoàn thành",
    "Cập nhật",
    "Thẩm định",
    "Phối hợp thực hiện",
    "Theo dõi",
    "Tập huấn",
    "Đánh giá",
    "Khảo sát",
    "Nâng cấp",
    "Thanh tra",
)
OBJECTS = (
    "kế hoạch ứng dụng công nghệ thông tin",
    "dịch vụ công trực tuyến mức độ 3, 4",
    "hệ thống quản lý văn bản và điều hành",
    "chứng thư số chuyên dùng",
    "an toàn thông tin theo mô hình 4 lớp",
    "Cổng thông tin điện tử tỉnh",
    "hạ tầng trạm BTS",
    "chất lượng dịch vụ bưu chính",
    "dịch vụ viễn thông công ích",
    "hoạt động thông tin cơ sở",
    "công tác thông tin đối ngoại",
    "pano tuyên truyền biển, đảo",
    "hệ thống hội nghị truyền hình",
    "phòng họp không giấy",
    "kế hoạch chuyển đổi số",
    "cơ sở dữ liệu dùng chung của tỉnh",
    "Kiến trúc Chính quyền điện tử",
    "bộ phận một cửa cấp huyện",
    "đài truyền thanh cơ sở",
    "hoạt động in, xuất bản trên địa bàn",
    "thuê bao di động trả trước",
    "tin nhắn rác, cuộc gọi rác",
    "Ngày Sách và Văn hóa đọc Việt Nam",
    "cuộc thi Viết thư quốc tế UPU",
    "tiêu chí nông thôn mới về thông tin và truyền thông",
    "công tác văn thư, lưu trữ",
    "lớp bồi dưỡng cán bộ thông tin cơ sở",
    "chương trình Trang địa phương",
    "định hướng thông tin trên mạng xã hội",
    "kết nối Cổng dịch vụ công với hệ thống định danh",
    "Đội ứng cứu sự cố máy tính",
    "dự án đầu tư công về công nghệ thông tin",
    "phòng, chống tác hại của rượu, bia",
    "cải cách hành chính",
    "tuyển dụng viên chức",
    "thanh toán trực tuyến phí, lệ phí",
    "bản đồ số của tỉnh",
    "trung tâm dữ liệu tỉnh",
)
SUFFIXES = (
    "",
    "",
    " năm {year}",
    " quý {quarter} năm {year}",
    " tại {place}",
    " trên địa bàn tỉnh",
    " giai đoạn 2021 - 2025",
    " đợt {round}",
    " theo {document}",
)
RESULTS = (
    "Đã {verb} {object}; đạt {pct}% kế hoạch.",
    "Đã {verb} {object}, cấp {n} tài khoản cho các cơ quan, đơn vị.",
    "Đã {verb} {object}: tổ chức {k} lớp với {n} học viên tham dự.",
    "Đã {verb} {object}; tiếp nhận và xử lý {n} hồ sơ đúng hạn.",
    "Đã {verb} {object} và báo cáo UBND tỉnh theo quy định.",
    "Đã {verb} {object} tại {k} đơn vị; không phát hiện sai phạm.",
)
DESCRIPTIONS = (
    "Thực hiện theo {document}; báo cáo kết quả về Sở.",
    "Phối hợp với các đơn vị liên quan; định kỳ cập nhật tiến độ hằng tháng.",
    "Chủ động đề xuất giải pháp, kinh phí thực hiện; báo cáo Lãnh đạo Sở khi có vướng mắc.",
    "Tổng hợp số liệu từ các huyện, thị xã, thành phố và tham mưu văn bản trình UBND tỉnh.",
)
NOTES = (
    "Cập nhật tiến độ thực hiện.",
    "Đã làm việc với các đơn vị liên quan.",
    "Đang chờ ý kiến của UBND tỉnh.",
    "Đã hoàn thành dự thảo, đang lấy ý kiến góp ý.",
    "Đã gửi văn bản đôn đốc các huyện.",
    None,
    None,
    None,
)
EXTENSION_REASONS = (
    "Chờ ý kiến thống nhất của các sở, ngành liên quan.",
    "Nhà thầu chậm bàn giao thiết bị.",
    "Cần thêm thời gian tổng hợp số liệu từ cấp xã.",
)

# type, type code (None: a Công văn, written with no code), issuers it comes from
DOCUMENT_TYPES = (
    ("Quyết định", "QĐ", ("UBND", "TTg", "BTTTT", "STTTT")),
    ("Công văn", None, ("UBND", "BTTTT", "STTTT", "VPCP")),
    ("Kế hoạch", "KH", ("UBND", "STTTT")),
    ("Chỉ thị", "CT", ("TTg", "UBND", "BTTTT")),
    ("Thông báo", "TB", ("UBND", "STTTT", "VPCP")),
    ("Nghị quyết", "NQ", ("CP", "HĐND")),
    ("Thông tư", "TT", ("BTTTT",)),
    ("Nghị định", "NĐ", ("CP",)),
    ("Công điện", "CĐ", ("TTg", "UBND")),
    ("Hướng dẫn", "HD", ("BTTTT", "STTTT")),
)
# Some kinds of document carry the year inside their symbol: 14/2018/TT-BTTTT.
YEAR_IN_SYMBOL = frozenset({"Thông tư", "Nghị định"})
DOCUMENT_SUBJECTS = (
    "Ban hành Kế hoạch ứng dụng công nghệ thông tin",
    "Tăng cường bảo đảm an toàn thông tin mạng",
    "Triển khai dịch vụ công trực tuyến",
    "Nâng cao hiệu quả hoạt động thông tin cơ sở",
    "Phê duyệt Đề án chuyển đổi số",
    "Quy chế quản lý, sử dụng phần mềm quản lý văn bản",
    "Quản lý chất lượng dịch vụ bưu chính",
    "Tổ chức các hoạt động tuyên truyền kỷ niệm ngày lễ lớn",
    "Chống tin nhắn rác, thư điện tử rác, cuộc gọi rác",
    "Công tác văn thư, lưu trữ",
    "Phát triển hạ tầng viễn thông thụ động",
    "Kiện toàn Đội ứng cứu sự cố an toàn thông tin",
)
