"""The demo department's tasks: results of the last three quarters and this quarter's work.

`when` places a task in time relative to the day the demo is loaded:
  ("past", k, due, done)     done k quarters ago; due/done = days after that quarter began
  ("done_now", due, ago)     done `ago` days ago this quarter; due `due` days from today
  ("submitted", due, ago)    reported done `ago` days ago, awaiting confirmation
  ("overdue", days, pct)     due `days` ago, not done, `pct` % progress
  ("soon", days, pct)        due within the reminder window
  ("track", days, pct)       due later
  ("open", pct)              planned for this quarter, no deadline
  ("next", due)              planned for next quarter, due `due` days after it begins
"""

from __future__ import annotations

T = dict  # one task: title, section, unit, who, when, result?, docs?, description?, priority?

PAST = [
    T(
        title="Trình UBND tỉnh ban hành Kế hoạch ứng dụng CNTT năm nay",
        section="I.1",
        unit="BCVT",
        who="cv.bcvt",
        when=("past", 3, 30, 25),
        result="Đã trình UBND tỉnh ban hành Kế hoạch Ứng dụng CNTT năm nay; UBND tỉnh đã ký "
        "ban hành, giao các sở, ngành triển khai.",
    ),
    T(
        title="Tham mưu quyết định thay thế Quyết định số 59/QĐ-UBND về chứng thư số",
        section="I.1",
        unit="BCVT",
        who="truong.bcvt",
        when=("past", 3, 45, 52),
        result="Trình UBND tỉnh Quyết định ủy quyền quản lý, sử dụng dịch vụ chứng thực chữ ký "
        "số chuyên dùng thay thế Quyết định số 59/QĐ-UBND ngày 13/01/2014 của Chủ tịch "
        "Ủy ban nhân dân tỉnh.",
    ),
    T(
        title="Kế hoạch triển khai Quyết định 135/QĐ-TTg về thông tin cơ sở",
        section="I.1",
        unit="TTBC",
        who="cv.ttbc",
        when=("past", 3, 60, 40),
        result="Ban hành kế hoạch triển khai thực hiện Quyết định 135/QĐ-TTg ngày 20/01/2020 "
        "của Thủ tướng Chính phủ phê duyệt Đề án Nâng cao hiệu quả hoạt động thông tin cơ "
        "sở dựa trên ứng dụng công nghệ thông tin.",
    ),
    T(
        title="Triển khai cuộc thi Viết thư quốc tế UPU",
        section="I.2",
        unit="BCVT",
        who="cv.bcvt",
        when=("past", 3, 50, 47),
        result="Triển khai cuộc thi Viết thư UPU lần thứ 49 theo Công văn 4366/BTTTT-HTQT; một "
        "bài dự thi của tỉnh đạt giải Cây bút Triển vọng.",
    ),
    T(
        title="Phổ biến Chỉ thị 28/CT-BTTTT đến doanh nghiệp bưu chính",
        section="I.2",
        unit="BCVT",
        who="cv.bcvt",
        when=("past", 2, 20, 18),
        result="Triển khai đến các doanh nghiệp bưu chính Chỉ thị 28/CT-BTTTT ngày 08/5/2020 "
        "của Bộ Thông tin và Truyền thông về bảo đảm an toàn, an ninh bưu chính.",
    ),
    T(
        title="Đôn đốc báo cáo chất lượng dịch vụ bưu chính",
        section="I.2",
        unit="BCVT",
        who="truong.bcvt",
        when=("past", 2, 40, 55),
        result="Có văn bản đề nghị doanh nghiệp thực hiện chế độ báo cáo theo Thông tư "
        "14/2018/TT-BTTTT ngày 15/10/2018 của Bộ Thông tin và Truyền thông.",
    ),
    T(
        title="Triển khai các thông tư mới về viễn thông công ích",
        section="I.3",
        unit="BCVT",
        who="cv.bcvt",
        when=("past", 2, 70, 66),
        result="Triển khai Thông tư 02/2020/TT-BTTTT ngày 14/02/2020 và Thông tư số "
        "07/2020/TT-BTTTT ngày 13/4/2020 đến các doanh nghiệp viễn thông trên địa bàn.",
    ),
    T(
        title="Rà soát vị trí lắp đặt trạm BTS",
        section="I.3",
        unit="BCVT",
        who="cv.bcvt",
        when=("past", 1, 30, 28),
        result="Rà soát, cho ý kiến lắp đặt 01 trạm BTS cho MobiFone, 37 trạm cho Ban Quản lý "
        "Dự án Hạ tầng 2 và 18 vị trí trạm BTS cho Viễn thông tỉnh.",
    ),
    T(
        title="Cấp tài khoản hệ thống quản lý văn bản và điều hành",
        section="I.4",
        unit="TTCNTT",
        who="cv.ttcntt",
        when=("past", 1, 85, 80),
        result="Cấp 449 tài khoản, nâng tổng số người dùng hệ thống lên 6.897; tỷ lệ văn bản đi "
        "được ký số đạt 74,18 %.",
    ),
    T(
        title="Tích hợp dịch vụ công theo Quyết định 411/QĐ-TTg",
        section="I.4",
        unit="TTCNTT",
        who="truong.ttcntt",
        when=("past", 1, 60, 71),
        result="Tích hợp các dịch vụ theo Quyết định số 411/QĐ-TTg ngày 24/3/2020 của Thủ tướng "
        "Chính phủ lên Cổng Dịch vụ công quốc gia.",
    ),
    T(
        title="Khắc phục lỗ hổng máy chủ Apache Tomcat",
        section="I.5",
        unit="TTCNTT",
        who="cv.ttcntt",
        when=("past", 2, 15, 12),
        result="Rà soát, khắc phục lỗ hổng các máy chủ cài đặt Apache Tomcat tại Trung tâm dữ "
        "liệu theo cảnh báo của Cục An toàn thông tin.",
    ),
    T(
        title="Cảnh báo nguy cơ mất an toàn thông tin từ phần mềm họp trực tuyến",
        section="I.5",
        unit="BCVT",
        who="cv.bcvt",
        when=("past", 2, 10, 9),
        result="Phổ biến Công văn số 250/CATTT-VNCERT/CC ngày 14/4/2020 của Cục An toàn thông "
        "tin đến các cơ quan, đơn vị.",
    ),
    T(
        title="Cập nhật Cổng thông tin điện tử tỉnh",
        section="I.6.1",
        unit="TTCNTT",
        who="cv.ttcntt",
        when=("past", 1, 88, 88),
        result="Đăng 508 tin, bài tiếng Việt; 26 tin, bài tiếng Anh; 199 tin, bài tiếng Khmer.",
    ),
    T(
        title="Cấp giấy phép xuất bản tài liệu không kinh doanh",
        section="I.6.2",
        unit="TTBC",
        who="cv.ttbc",
        when=("past", 2, 85, 80),
        result="Cấp 158 Giấy phép xuất bản tài liệu không kinh doanh và 01 giấy phép thiết lập "
        "trang thông tin điện tử.",
    ),
    T(
        title="Tổ chức lớp bồi dưỡng cán bộ thông tin cơ sở",
        section="I.6.3",
        unit="TTBC",
        who="truong.ttbc",
        when=("past", 1, 45, 50),
        result="Tổ chức 09 lớp đào tạo, bồi dưỡng kỹ năng cho cán bộ làm công tác thông tin và "
        "truyền thông cơ sở, khoảng 400 học viên tham dự.",
    ),
    T(
        title="Ban hành Kế hoạch thông tin đối ngoại năm",
        section="I.6.4",
        unit="TTBC",
        who="cv.ttbc",
        when=("past", 3, 20, 20),
        result="Ban hành Kế hoạch hoạt động thông tin đối ngoại năm của Sở Thông tin và Truyền "
        "thông.",
    ),
    T(
        title="Lắp dựng pano tuyên truyền biển, đảo tại xã Đại Phước",
        section="I.6.5",
        unit="VHTT-CL",
        who="truong.cl",
        when=("past", 1, 70, 62),
        result="Phối hợp với Sở lắp dựng pano tuyên truyền biển đảo tại ấp Rạch Dừa, xã Đại "
        "Phước, huyện Càng Long.",
    ),
    T(
        title="Quán triệt Nghị quyết số 52-NQ/TW",
        section="II.1",
        unit="VP",
        who="truong.vp",
        when=("past", 3, 40, 38),
        result="Lãnh đạo Sở dự Hội nghị quán triệt Nghị quyết số 52-NQ/TW, ngày 27/9/2019 của "
        "Bộ Chính trị về chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư.",
    ),
    T(
        title="Cử công chức tham gia các lớp bồi dưỡng",
        section="II.2",
        unit="VP",
        who="cv.vp",
        when=("past", 2, 30, 30),
        result="Cử 04 đồng chí học lớp Trung cấp lý luận chính trị - hành chính và 06 lượt công "
        "chức tham gia bồi dưỡng nghiệp vụ.",
    ),
    T(
        title="Tuyển dụng viên chức năm nay",
        section="II.3",
        unit="VP",
        who="truong.vp",
        when=("past", 1, 60, 75),
        result="Ban hành Quy chế, Nội quy, thông báo tuyển dụng viên chức; thành lập Hội đồng xét "
        "tuyển viên chức.",
    ),
    T(
        title="Thanh tra hoạt động in trên địa bàn",
        section="II.4",
        unit="TTRA",
        who="cv.ttra",
        when=("past", 2, 60, 58),
        result="Kiểm tra 07 cơ sở in; xử phạt vi phạm hành chính 06 cá nhân, tổng số tiền "
        "41.250.000 đồng.",
    ),
]

CURRENT = [
    T(
        title="Tăng cường tuyên truyền, định hướng thông tin trên mạng xã hội",
        section="I.6",
        unit="TTBC",
        who="cv.ttbc",
        when=("overdue", 12, 60),
        description="Tăng cường vai trò của Báo, Đài trong định hướng thông tin, dư luận xã hội; "
        "kịp thời phản bác các luận điệu xuyên tạc trên mạng xã hội (Đề án theo Quyết định "
        "135/QĐ-TTg).",
    ),
    T(
        title="Triển khai 02 dự án đầu tư công năm nay",
        section="II.3",
        unit="VP",
        who="truong.vp",
        when=("overdue", 4, 75),
        priority=3,
        description="Dự án ứng dụng CNTT phục vụ chỉ đạo, điều hành của UBND tỉnh (hội nghị "
        "truyền hình theo Kế hoạch số 26/KH-UBND) và dự án nâng cấp trang thiết bị cho đài, "
        "trạm truyền thanh (giai đoạn 1).",
    ),
    T(
        title="Trình UBND tỉnh Quy chế quản lý, sử dụng phần mềm quản lý văn bản",
        section="I.1",
        unit="BCVT",
        who="cv.bcvt",
        when=("soon", 3, 80),
        description="Dự thảo Quy chế theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 về công tác "
        "văn thư.",
    ),
    T(
        title="Trình Kiến trúc Chính quyền điện tử tỉnh phiên bản 2.0",
        section="I.4",
        unit="BCVT",
        who="truong.bcvt",
        when=("track", 25, 40),
        priority=3,
    ),
    T(
        title="Hoàn thành kết nối Cổng dịch vụ công với hệ thống định danh PostID",
        section="I.4",
        unit="TTCNTT",
        who="cv.ttcntt",
        when=("soon", 6, 90),
    ),
    T(
        title="Tập huấn an toàn thông tin cho Đội ứng cứu sự cố máy tính",
        section="I.5",
        unit="TTCNTT",
        who="truong.ttcntt",
        when=("submitted", 10, 2),
        result="Tổ chức 01 lớp tập huấn an toàn thông tin cho 35 thành viên Đội ứng cứu khẩn cấp "
        "sự cố máy tính của tỉnh.",
    ),
    T(
        title="Định hướng thông tin tuyên truyền tháng này",
        section="I.6",
        unit="TTBC",
        who="cv.ttbc",
        when=("done_now", 2, 5),
        description="Định hướng nội dung thông tin cơ sở theo Quyết định 135/QĐ-TTg.",
        result="Ban hành văn bản định hướng thông tin tuyên truyền gửi các cơ quan báo, đài; "
        "triển khai dự án giảm nghèo về thông tin.",
    ),
    T(
        title="Đánh giá tiêu chí nông thôn mới về thông tin và truyền thông",
        section="I.3",
        unit="BCVT",
        who="cv.bcvt",
        when=("overdue", 20, 30),
        description="Tham gia đoàn đánh giá 19 tiêu chí nông thôn mới các xã đăng ký đạt chuẩn.",
    ),
    T(
        title="Xử lý cột ăng ten trạm BTS không bảo đảm an toàn",
        section="I.3",
        unit="TTRA",
        who="cv.ttra",
        when=("track", 40, 10),
    ),
    T(
        title="Hướng dẫn Phòng Văn hóa và Thông tin huyện thực hiện nhiệm vụ",
        section="I.6.5",
        unit="TTBC",
        who="truong.ttbc",
        when=("open", 20),
        description="Hướng dẫn cấp huyện triển khai Đề án theo Quyết định 135/QĐ-TTg.",
    ),
    T(
        title="Tuyên truyền phòng, chống tác hại của rượu, bia",
        section="I.6.3",
        unit="VHTT-CK",
        who="truong.ck",
        when=("submitted", -2, 1),
        result="Phát sóng 30 chương trình tuyên truyền Chỉ thị số 03/CT-TTg ngày 16/01/2020 trên "
        "hệ thống truyền thanh cơ sở huyện Cầu Kè.",
    ),
    T(
        title="Báo cáo kết quả thực hiện Chỉ thị 10/CT-TTg",
        section="II.3",
        unit="VP",
        who="cv.vp",
        when=("done_now", -3, 8),
        result="Gửi UBND tỉnh báo cáo kết quả thực hiện Chỉ thị 10/CT-TTg ngày 22/4/2019 của Thủ "
        "tướng Chính phủ.",
    ),
    T(
        title="Thanh tra việc quản lý thuê bao di động trả trước",
        section="II.4",
        unit="TTRA",
        who="truong.ttra",
        when=("overdue", 2, 50),
    ),
    T(
        title="Rà soát hệ thống thông tin theo mô hình 4 lớp",
        section="I.5",
        unit="TTCNTT",
        who="cv.ttcntt",
        when=("track", 15, 20),
        description="Thực hiện Công văn số 1552/BTTTT-CATTT về bảo đảm an toàn thông tin theo mô "
        "hình “4 lớp”.",
    ),
    T(
        title="Phát sóng chương trình Trang địa phương",
        section="I.6.5",
        unit="VHTT-CL",
        who="truong.cl",
        when=("soon", 5, 70),
    ),
    T(
        title="Khảo sát lắp dựng pano tuyên truyền ASEAN",
        section="I.6.4",
        unit="TTBC",
        who="cv.ttbc",
        when=("overdue", 30, 10),
    ),
    T(
        title="Cập nhật danh mục cơ sở dữ liệu dùng chung của tỉnh",
        section="I.4",
        unit="TTCNTT",
        who="cv.ttcntt",
        when=("done_now", 5, 3),
        result="Cập nhật danh mục 12 cơ sở dữ liệu dùng chung, trình UBND tỉnh phê duyệt.",
    ),
]

NEXT = [
    T(
        title="Tổng kết công tác năm và xây dựng kế hoạch năm tới",
        section="II.3",
        unit="VP",
        who="truong.vp",
        when=("next", 20),
    ),
    T(
        title="Triển khai Kế hoạch chuyển đổi số năm tới",
        section="I.4",
        unit="BCVT",
        who="truong.bcvt",
        when=("next", 45),
    ),
    T(
        title="Tổ chức Ngày Sách và Văn hóa đọc Việt Nam",
        section="I.6.2",
        unit="TTBC",
        who="cv.ttbc",
        when=("next", 60),
    ),
    T(
        title="Thanh tra chuyên ngành lĩnh vực bưu chính",
        section="II.4",
        unit="TTRA",
        who="cv.ttra",
        when=("next", 75),
    ),
]

# A parent task whose subtasks roll their progress up to it.
PARENT = T(
    title="Tổ chức tập huấn sử dụng chứng thư số cho các cơ quan",
    section="I.4",
    unit="TTCNTT",
    who="truong.ttcntt",
    when=("track", 30, 0),
    priority=3,
    description="Các lớp hướng dẫn sử dụng chứng thư số cho lãnh đạo, văn thư các sở, ngành "
    "và UBND cấp huyện.",
)
SUBTASKS = [
    T(
        title="Lớp tập huấn cho các sở, ban, ngành tỉnh",
        section="I.4",
        unit="TTCNTT",
        who="cv.ttcntt",
        when=("done_now", 0, 6),
        result="Tổ chức 01 lớp cho 60 cán bộ văn thư các sở, ban, ngành tỉnh.",
    ),
    T(
        title="Lớp tập huấn cho UBND các huyện, thị xã, thành phố",
        section="I.4",
        unit="TTCNTT",
        who="cv.ttcntt",
        when=("track", 20, 50),
    ),
    T(
        title="Lớp tập huấn cho bộ phận một cửa",
        section="I.4",
        unit="TTCNTT",
        who="cv.ttcntt",
        when=("track", 28, 0),
    ),
]

# (task title, days to add to the deadline, reason, decision: None pending / True / False)
EXTENSIONS = [
    (
        "Đánh giá tiêu chí nông thôn mới về thông tin và truyền thông",
        30,
        "Chờ UBND các xã hoàn thiện hồ sơ tự đánh giá.",
        None,
    ),
    (
        "Trình Kiến trúc Chính quyền điện tử tỉnh phiên bản 2.0",
        20,
        "Bộ Thông tin và Truyền thông ban hành khung kiến trúc mới, cần cập nhật.",
        True,
    ),
]
