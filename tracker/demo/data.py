"""The demo department: our own data, in the shape of a real provincial report.

Written for this project after the structure of a Department of Information and
Communications' 9-month report; the people are fictitious. Dates are given relative to the
day the demo is loaded (see services/demo.py), so that the story is always current.
"""

from __future__ import annotations

DEMO_PASSWORD = "Demo2026tracker"  # noqa: S105  (printed by `make run`; demo only)

ORGANISATION = {
    "org_parent_body": "UBND TỈNH TRÀ VINH",
    "org_name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "org_code": "STTTT",
    "org_place": "Trà Vinh",
}

# code, name, short name, kind, parent code
UNITS = [
    ("STTTT", "Sở Thông tin và Truyền thông", "Sở TT&TT", "department", None),
    ("VP", "Văn phòng Sở", "Văn phòng", "office", "STTTT"),
    ("TTRA", "Thanh tra Sở", "Thanh tra", "inspectorate", "STTTT"),
    (
        "BCVT",
        "Phòng Bưu chính, Viễn thông – Công nghệ thông tin",
        "Phòng BCVT-CNTT",
        "division",
        "STTTT",
    ),
    ("TTBC", "Phòng Thông tin – Báo chí – Xuất bản", "Phòng TT-BC-XB", "division", "STTTT"),
    (
        "TTCNTT",
        "Trung tâm Công nghệ thông tin và Truyền thông",
        "Trung tâm CNTT&TT",
        "center",
        "STTTT",
    ),
    (
        "VHTT-CL",
        "Phòng Văn hóa và Thông tin huyện Càng Long",
        "P.VHTT Càng Long",
        "district",
        "STTTT",
    ),
    ("VHTT-CK", "Phòng Văn hóa và Thông tin huyện Cầu Kè", "P.VHTT Cầu Kè", "district", "STTTT"),
]

# username, full name, job title, role, unit code
USERS = [
    ("admin", "Lê Thị Quản Trị", "Quản trị hệ thống", "admin", "STTTT"),
    ("giamdoc", "Trần Minh Đức", "Giám đốc Sở", "director", "STTTT"),
    ("phogiamdoc", "Nguyễn Văn Này", "Phó Giám đốc Sở", "director", "STTTT"),
    ("theodoi", "Phạm Thu Hà", "Chuyên viên UBND tỉnh", "viewer", "STTTT"),
    ("truong.vp", "Võ Thị Lan", "Chánh Văn phòng", "head", "VP"),
    ("cv.vp", "Đặng Quốc Huy", "Chuyên viên Văn phòng", "staff", "VP"),
    ("truong.ttra", "Huỳnh Văn Tâm", "Chánh Thanh tra", "head", "TTRA"),
    ("cv.ttra", "Lý Thanh Sơn", "Thanh tra viên", "staff", "TTRA"),
    ("truong.bcvt", "Ngô Thành Long", "Trưởng phòng BCVT-CNTT", "head", "BCVT"),
    ("cv.bcvt", "Trương Mỹ Linh", "Chuyên viên phòng BCVT-CNTT", "staff", "BCVT"),
    ("truong.ttbc", "Thạch Thị Sa Rết", "Trưởng phòng TT-BC-XB", "head", "TTBC"),
    ("cv.ttbc", "Kim Văn Sóc", "Chuyên viên phòng TT-BC-XB", "staff", "TTBC"),
    ("truong.ttcntt", "Lâm Hoàng Phúc", "Giám đốc Trung tâm CNTT&TT", "head", "TTCNTT"),
    ("cv.ttcntt", "Châu Minh Trí", "Kỹ sư Trung tâm CNTT&TT", "staff", "TTCNTT"),
    ("truong.cl", "Bùi Văn Hậu", "Trưởng phòng VHTT Càng Long", "head", "VHTT-CL"),
    ("truong.ck", "Tô Thị Kiều", "Trưởng phòng VHTT Cầu Kè", "head", "VHTT-CK"),
]

# code, title (the headings of the report, in order)
SECTIONS = [
    ("I", "CÔNG TÁC QUẢN LÝ NHÀ NƯỚC"),
    ("I.1", "Công tác tham mưu Tỉnh ủy, UBND tỉnh và ban hành văn bản chỉ đạo, điều hành"),
    ("I.2", "Lĩnh vực bưu chính"),
    ("I.3", "Lĩnh vực viễn thông"),
    ("I.4", "Lĩnh vực ứng dụng công nghệ thông tin"),
    ("I.5", "Lĩnh vực An toàn thông tin"),
    ("I.6", "Lĩnh vực thông tin, tuyên truyền"),
    ("I.6.1", "Cổng thông tin điện tử, trang tin điện tử thành phần"),
    ("I.6.2", "Xuất bản, in và phát hành"),
    ("I.6.3", "Thông tin cơ sở"),
    ("I.6.4", "Thông tin đối ngoại"),
    ("I.6.5", "Hoạt động Phòng Văn hóa – Thông tin; Trung tâm Văn hóa – Thông tin và Thể thao"),
    ("II", "CÔNG TÁC TỔNG HỢP"),
    ("II.1", "Hoạt động của Lãnh đạo Sở"),
    ("II.2", "Công tác tổ chức cán bộ, đào tạo, bồi dưỡng"),
    ("II.3", "Công tác Văn phòng"),
    ("II.4", "Công tác thanh tra"),
]

# The reference as written, and its subject (trích yếu).
DOCUMENTS = [
    (
        "Quyết định số 59/QĐ-UBND ngày 13/01/2014",
        "Ủy quyền người quản lý thuê bao đối với chứng thư số chuyên dùng",
    ),
    (
        "Quyết định 135/QĐ-TTg ngày 20/01/2020",
        "Phê duyệt Đề án Nâng cao hiệu quả hoạt động thông tin cơ sở dựa trên ứng dụng CNTT",
    ),
    (
        "Công điện số 1658/CĐ-TTg ngày 09/12/2019",
        "Tăng cường phòng, chống buôn lậu, vận chuyển trái phép pháo nổ",
    ),
    (
        "Chỉ thị số 03/CT-TTg ngày 16/01/2020",
        "Tăng cường thực hiện Luật phòng, chống tác hại của rượu, bia",
    ),
    (
        "Nghị định số 100/2019/NĐ-CP ngày 30/12/2019",
        "Xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt",
    ),
    (
        "Nghị quyết số 01/NQ-CP ngày 01/01/2020",
        "Nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội năm 2020",
    ),
    (
        "Chỉ thị 10/CT-TTg ngày 22/4/2019",
        "Tăng cường xử lý, ngăn chặn tình trạng nhũng nhiễu, gây phiền hà cho người dân",
    ),
    ("Công văn 4366/BTTTT-HTQT", "Tổ chức cuộc thi Viết thư quốc tế UPU lần thứ 49"),
    (
        "Chỉ thị 28/CT-BTTTT ngày 08/5/2020",
        "Tăng cường bảo đảm an toàn, an ninh bưu chính phục vụ Đại hội Đảng bộ các cấp",
    ),
    ("Thông tư 14/2018/TT-BTTTT ngày 15/10/2018", "Quản lý chất lượng dịch vụ bưu chính"),
    (
        "Thông tư 02/2020/TT-BTTTT ngày 14/02/2020",
        "Danh mục, đối tượng thụ hưởng, chất lượng dịch vụ viễn thông công ích",
    ),
    (
        "Thông tư số 07/2020/TT-BTTTT ngày 13/4/2020",
        "Kiểm định thiết bị viễn thông, đài vô tuyến điện",
    ),
    (
        "Thông tư số 16/2020/TT-BTTTT ngày 17/7/2020",
        "Quy chuẩn kỹ thuật quốc gia về chống sét cho các trạm viễn thông",
    ),
    ("Nghị định 91/2020/NĐ-CP ngày 14/8/2020", "Chống tin nhắn rác, thư điện tử rác, cuộc gọi rác"),
    (
        "Quyết định số 411/QĐ-TTg ngày 24/3/2020",
        "Danh mục dịch vụ công tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia",
    ),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", "Công tác văn thư"),
    (
        "Quyết định số 458/QĐ-TTg ngày 03/4/2020",
        "Đề án Lưu trữ tài liệu điện tử của các cơ quan nhà nước giai đoạn 2020 - 2025",
    ),
    (
        "Công văn số 2654/UBND-THNV ngày 13/7/2020",
        "Thực hiện Công văn số 5438/VPCP-KSTT của Văn phòng Chính phủ",
    ),
    (
        "Công văn số 5438/VPCP-KSTT ngày 06/7/2020",
        "Triển khai dịch vụ chứng thực bản sao điện tử từ bản chính",
    ),
    (
        "Công văn số 2841/BTTTT-THH ngày 01/8/2020",
        "Triển khai tuyên truyền cài đặt ứng dụng Bluezone",
    ),
    (
        "Kế hoạch số 26/KH-UBND ngày 28/5/2020",
        "Triển khai, thuê và sử dụng hệ thống hội nghị truyền hình, phòng họp không giấy",
    ),
    (
        "Công văn số 250/CATTT-VNCERT/CC ngày 14/4/2020",
        "Cảnh báo nguy cơ mất an toàn thông tin từ phần mềm họp trực tuyến Zoom",
    ),
    (
        "Công văn số 324/CATTT-NCSC ngày 05/5/2020",
        "Nguy cơ tấn công APT vào các cơ quan, tổ chức Việt Nam",
    ),
    ("Công văn số 1552/BTTTT-CATTT", "Đôn đốc bảo đảm an toàn thông tin theo mô hình “4 lớp”"),
    (
        "Quyết định số 898/QĐ-TTg ngày 27/5/2016",
        "Định hướng bảo đảm an toàn thông tin mạng giai đoạn 2016 - 2020",
    ),
    (
        "Nghị định số 43/2011/NĐ-CP ngày 13/6/2011",
        "Cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử",
    ),
    (
        "Quyết định số 273/QĐ-TTg ngày 06/3/2018",
        "Quy hoạch phát triển hệ thống thông tin đối ngoại khu vực cửa khẩu quốc tế",
    ),
    (
        "Nghị quyết số 52-NQ/TW, ngày 27/9/2019",
        "Chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
    ),
    ("Quy định số 126-QĐ/TW 28/02/2018", "Một số vấn đề về bảo vệ chính trị nội bộ Đảng"),
    (
        "Công văn số 1638/UBND-CNXD ngày 04/5/2020",
        "Bảo đảm an toàn thông tin cho hệ thống thông tin theo mô hình “4 lớp”",
    ),
]
