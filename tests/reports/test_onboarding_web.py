"""The report import pages: upload, preview, uncheck items, set units, confirm."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import BytesIO

import pytest
from factories import make_user
from report_import_support import make_department, sample_file
from sqlalchemy import func, select

from tracker.extensions import db as _db
from tracker.models import Document, KeptUpload, ReportText, Section, Task, TaskUpdate, Unit

UPLOAD = "/reports/onboarding"
CONFIRM = "/reports/onboarding/confirm"


class FormReader(HTMLParser):
    """What a browser would send for the preview form: checked boxes, selected options."""

    def __init__(self, form_id: str = "onb-form"):
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.options: dict[str, str] = {}
        self.disabled: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and "disabled" not in a:
            if a.get("type") != "checkbox" or "checked" in a:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self.select = a["name"]
            self.options[self.select] = ""
            if "disabled" in a:
                self.disabled.add(self.select)
        elif tag == "option" and self.select and "selected" in a:
            self.options[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag == "form":
            self.inside = False

    def data(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in self.fields:
            out.setdefault(name, []).append(value)
        for name, value in self.options.items():
            if name not in self.disabled:
                out[name] = [value]
        return out


def read_form(html: str) -> dict[str, list[str]]:
    reader = FormReader()
    reader.feed(html)
    return reader.data()


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def units(db):
    return make_department()


@pytest.fixture
def director(client, units):
    client.login("giamdoc")
    return client


def upload(client, kind="txt", period="", name=None, data=None):
    filename, content = sample_file(kind) if data is None else (name, data)
    return client.post(
        UPLOAD,
        data={
            "csrf_token": client.csrf(UPLOAD),
            "period": period,
            "file": (BytesIO(content), name or filename),
        },
        content_type="multipart/form-data",
    )


def kept_files(app) -> list[str]:
    return list(_db.session.scalars(select(KeptUpload.token).order_by(KeptUpload.id)))


# -- who may import --------------------------------------------------------------------------


def test_only_directors_and_admins_may_import(client, units, db):
    assert client.get(UPLOAD).status_code in (302, 303)  # signed out: the login page
    make_user("theodoi", "viewer", units["root"])
    db.session.commit()
    for username in ("truong.vp", "theodoi"):
        client.login(username)
        assert client.get(UPLOAD).status_code == 403
        token = client.csrf("/")
        assert (
            client.post(CONFIRM, data={"csrf_token": token, "token": "x" * 32}).status_code == 403
        )
        client.logout()
    make_user("quantri", "admin", units["root"])
    db.session.commit()
    client.login("quantri")
    page = client.get(UPLOAD)
    assert page.status_code == 200
    assert "Nhập báo cáo kỳ trước" in page.get_data(as_text=True)


# -- upload and preview ----------------------------------------------------------------------


def test_preview_shows_the_tree_the_items_the_plan_and_writes_nothing(director, db, app):
    before = (count(db, Task), count(db, Section), count(db, Document))
    kept = kept_files(app)
    page = upload(director)  # no period: read from the title ("9 tháng đầu năm 2020")
    html = page.get_data(as_text=True)
    assert page.status_code == 200, html[:500]
    assert "Xem trước: báo cáo 9 tháng đầu năm 2020" in html
    headings = re.findall(r'<h3 class="h6[^"]*" id="sec-\d+">([^<]+)</h3>', html)
    assert len(headings) == 17
    assert headings[0] == "I. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC"
    assert headings[7] == "6.1. Cổng thông tin điện tử, trang tin điện tử thành phần"
    assert headings[-1] == "4. Công tác thanh tra"
    form = read_form(html)
    assert len(form["include"]) == 78  # 70 achievements and 8 planned tasks, all checked
    assert sum(1 for name in form if name.startswith("section-plan-")) == 8
    assert "Công văn</span> 1552/BTTTT-CATTT" in html.replace('<span class="fw-semibold">', "")
    assert html.count('<span class="badge text-bg-primary">Mới</span>') == 41
    assert "nhiệm vụ quý IV năm 2020" in html and "(2020-Q4)" not in html  # words, not codes
    # The guess is chosen in advance: "Phó Chánh Văn phòng Sở" → Văn phòng Sở.
    office = db.session.scalar(select(Unit.id).where(Unit.code == "VP"))
    item = re.search(
        r'id="inc-(item-\d+)"[^>]*>\s*<label[^>]*>Ban hành Quyết định bổ nhiệm lại', html
    )
    assert form[f"unit-{item[1]}"] == [str(office)]
    assert (count(db, Task), count(db, Section), count(db, Document)) == before
    assert len(kept_files(app)) == len(kept) + 1


@pytest.mark.parametrize(
    ("name", "data", "period", "message"),
    [
        ("ghi-chu.txt", "Việc cần làm\n- Mua giấy\n".encode(), "", "không phải là một báo cáo"),
        ("anh.png", b"\x89PNG\r\n", "2020-9M", "Chỉ nhận tệp báo cáo .docx hoặc .txt"),
        (None, None, "2020-Q7", "2020-Q7"),
        (
            "khong-ky.txt",
            "BÁO CÁO\nTình hình công tác\nI. KẾT QUẢ\n- Cấp 02 giấy phép.\n".encode(),
            "",
            "Không nhận ra kỳ báo cáo từ tiêu đề",
        ),
    ],
)
def test_a_file_that_is_not_a_report_or_a_bad_period_is_refused(
    director, db, app, name, data, period, message
):
    kept = kept_files(app)
    tables = (Task, Section, Document, ReportText, Unit, TaskUpdate)
    before = [count(db, table) for table in tables]
    page = upload(director, period=period, name=name, data=data)
    assert page.status_code == 422
    assert message in page.get_data(as_text=True)
    assert 'class="form-control' in page.get_data(as_text=True)  # the upload form again
    assert [count(db, table) for table in tables] == before and kept_files(app) == kept


# -- confirm ---------------------------------------------------------------------------------


def test_confirm_with_unchecked_items_and_chosen_units(director, db, app):
    kept = kept_files(app)
    html = upload(director, "docx").get_data(as_text=True)
    form = read_form(html)
    keys = [k for k in form["include"] if k.startswith("item-")]
    dropped = keys[:3]
    form["include"] = [k for k in form["include"] if k not in dropped and k != "plan-8"]
    inspectorate = db.session.scalar(select(Unit.id).where(Unit.code == "TTRA"))
    root = db.session.scalar(select(Unit.id).where(Unit.code == "STTTT"))
    centre = db.session.scalar(select(Unit.id).where(Unit.code == "TTCNTT"))
    form[f"unit-{keys[3]}"] = [str(inspectorate)]  # the director sets one item's unit
    form["unit-section-I.5"] = [str(centre)]  # and one heading's, for its items left empty
    form["unit-all"] = [str(root)]  # and everyone else's
    response = director.post(CONFIRM, data=form)
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    assert response.headers["Location"].endswith("/reports/2020-9M")
    assert count(db, Task) == 67 + 7
    done = db.session.scalars(select(Task).where(Task.status == "done").order_by(Task.id)).all()
    assert len(done) == 67 and not any(t.title.startswith("Trình UBND") for t in done)
    assert (
        done[0].title.startswith("Ban hành các Kế hoạch") and done[0].lead_unit_id == inspectorate
    )
    assert count(db, TaskUpdate) == 74
    safety = db.session.scalar(select(Section).where(Section.code == "I.5"))
    in_safety = select(Task.lead_unit_id).where(Task.section_id == safety.id, Task.status == "done")
    assert set(db.session.scalars(in_safety)) == {centre}
    # The three items left out cite 59/QĐ-UBND, 135/QĐ-TTg, 1658/CĐ-TTg, 03/CT-TTg and
    # 100/2019/NĐ-CP, and nothing else does: those five are not registered.
    assert count(db, Document) == 41 - 5
    assert db.session.scalar(select(Document).where(Document.symbol == "135/QĐ-TTg")) is None
    assert db.session.scalar(select(ReportText.number).where(ReportText.period == "2020-9M")) == (
        "245/BC-STTTT"
    )
    assert kept_files(app) == kept  # the upload is gone once imported
    page = director.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã nhập báo cáo 9 tháng đầu năm 2020: 67 kết quả đạt được, 7 nhiệm vụ" in page


def test_items_without_a_unit_are_refused_and_nothing_is_written(director, db, app):
    kept = kept_files(app)
    html = upload(director).get_data(as_text=True)
    form = read_form(html)  # the director chose nothing for the items without a guess
    response = director.post(CONFIRM, data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "chưa chọn đơn vị chủ trì" in page and "Chưa có gì được lưu" in page
    assert "is-invalid" in page
    again = read_form(page)
    assert again["include"] == form["include"]  # what was chosen is kept on the page
    assert count(db, Task) == 0 and count(db, Section) == 0 and count(db, Document) == 0
    assert len(kept_files(app)) == len(kept) + 1  # still there to try again
    nothing = {**again, "include": []}
    refused = director.post(CONFIRM, data=nothing)
    assert refused.status_code == 422 and "Chưa chọn mục nào để nhập" in refused.get_data(True)
    again["unit-all"] = ["Văn phòng"]  # not a unit id: refused, naming the field
    refused = director.post(CONFIRM, data=again)
    assert refused.status_code == 422 and "Đơn vị chủ trì không hợp lệ" in refused.get_data(True)
    again["unit-all"] = [str(db.session.scalar(select(Unit.id).where(Unit.code == "VP")))]
    assert director.post(CONFIRM, data=again).status_code == 303
    assert count(db, Task) == 78


def test_someone_elses_or_an_unknown_upload_cannot_be_confirmed(client, units, db, app):
    make_user("phogiamdoc", "director", units["root"])
    db.session.commit()
    client.login("giamdoc")
    form = read_form(upload(client).get_data(as_text=True))
    client.logout()
    client.login("phogiamdoc")
    form["csrf_token"] = [client.csrf(UPLOAD)]
    assert client.post(CONFIRM, data=form).status_code == 404
    form["token"] = ["../../etc/passwd"]
    assert client.post(CONFIRM, data=form).status_code == 404
    assert count(db, Task) == 0
