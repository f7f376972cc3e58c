"""Registering, correcting and deleting documents through the pages, and who may."""

from __future__ import annotations

import pytest
from document_support import doc, documents_count, implement, text_of
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Document


def form(reference: str, **fields) -> dict:
    data = {"reference": reference, "doc_type": "", "issued_on": "", "issuer_name": ""}
    data.update({"title": "", "link": ""}, **fields)
    return data


def test_a_typed_reference_is_registered_with_its_parsed_fields(world, login_as):
    client = login_as("head_a")
    response = client.post_form(
        "/documents/new",
        form(
            "Quyết định số 135/QĐ-TTg ngày 20/01/2020",
            title="Phê duyệt Đề án thông tin cơ sở",
            link="https://vanban.chinhphu.vn/135",
        ),
    )
    assert response.status_code == 303
    document = db.session.scalar(select(Document))
    assert response.headers["Location"].endswith(f"/documents/{document.id}")
    assert (document.doc_type, document.symbol, document.year) == ("Quyết định", "135/QĐ-TTg", 2020)
    assert document.issuer_name == "Thủ tướng Chính phủ" and document.issued_on.day == 20
    page = text_of(client.get(f"/documents/{document.id}"))
    assert "Đã đăng ký Quyết định 135/QĐ-TTg." in page
    assert 'href="https://vanban.chinhphu.vn/135"' in page and 'rel="noopener' in page


def test_the_new_form_reads_a_reference_from_the_address_and_while_typing(world, login_as):
    client = login_as("director")
    page = text_of(client.get("/documents/new?ref=Chỉ thị 03/CT-TTg ngày 16/01/2020 về rượu bia"))
    assert 'value="Chỉ thị 03/CT-TTg ngày 16/01/2020 về rượu bia"' in page
    assert 'value="2020-01-16"' in page and "rượu bia</textarea>" in page
    read = client.get("/documents/parse?text=Nghị quyết 52-NQ/TW ngày 27/9/2019").get_json()
    assert read == {
        "ok": True,
        "type": "Nghị quyết",
        "symbol": "52-NQ/TW",
        "number": "52",
        "year": 2019,
        "issuer_code": "TW",
        "issuer_name": "Ban Chấp hành Trung ương",
        "date": "2019-09-27",
        "title": None,
        "duplicate": None,
    }
    bad = client.get("/documents/parse?text=theo+chỉ+đạo").get_json()
    assert bad["ok"] is False and "Số, ký hiệu văn bản" in bad["error"]


@pytest.mark.parametrize(
    "variant", ["135/qđ-ttg", "Quyết định 135 / QĐ-TTg", "QUYẾT ĐỊNH 135/QĐ-TTG ngày 20/01/2020"]
)
def test_a_spacing_or_case_variant_is_refused_linking_the_existing(world, login_as, variant):
    existing = doc("Quyết định 135/QĐ-TTg ngày 20/01/2020", "Đề án thông tin cơ sở")
    client = login_as("director")
    response = client.post_form("/documents/new", form(variant, title="Trùng"))
    assert response.status_code == 409
    page = text_of(response)
    assert "đã có trong danh mục" in page
    assert f'href="/documents/{existing.id}"' in page and "Mở văn bản đã có" in page
    assert documents_count() == 1
    read = client.get(f"/documents/parse?text={variant}").get_json()
    assert read["duplicate"]["url"] == f"/documents/{existing.id}"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reference": "theo chỉ đạo của Giám đốc"}, "Số, ký hiệu văn bản: “theo chỉ đạo"),
        ({"reference": ""}, "Chưa nhập số, ký hiệu văn bản."),
        ({"issued_on": "2099-01-01"}, "Ngày ban hành không được ở tương lai."),
        ({"link": "javascript:alert(1)"}, "Liên kết: “javascript:alert(1)” không phải"),
        ({"reference": "100/2019/NĐ-CP", "issued_on": "2020-02-02"}, "không khớp năm 2019"),
    ],
)
def test_bad_input_is_explained_next_to_its_field(world, login_as, fields, message):
    client = login_as("director")
    response = client.post_form("/documents/new", form("135/QĐ-TTg") | fields)
    assert response.status_code == 422
    page = text_of(response)
    assert message in page and "is-invalid" in page
    assert documents_count() == 0


def test_editing_corrects_fields_and_refuses_a_taken_symbol(world, login_as):
    qd = doc("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    cv = doc("Công văn 4366/BTTTT-HTQT", None)
    client = login_as("director")
    page = text_of(client.get(f"/documents/{cv.id}/edit"))
    assert 'value="4366/BTTTT-HTQT"' in page and '<option selected value="Công văn">' in page
    url = f"/documents/{cv.id}/edit"
    response = client.post_form(url, form("135/qđ-ttg", doc_type="Công văn"))
    assert response.status_code == 409 and f'href="/documents/{qd.id}"' in text_of(response)
    data = form("4366/BTTTT-HTQT", doc_type="Công văn", issued_on="2020-03-05", title="Thi UPU")
    response = client.post_form(url, data)
    assert response.status_code == 303
    db.session.refresh(cv)
    assert (cv.title, cv.needs_title, cv.year, cv.issued_on.month) == ("Thi UPU", False, 2020, 3)


def test_deleting_a_mistaken_document(world, login_as):
    mistaken, kept = doc("Công văn 12/UBND-VX"), doc("Chỉ thị 03/CT-TTg")
    implement(world.task(unit="a"), kept)
    db.session.commit()
    client = login_as("director")
    response = client.post_form(
        f"/documents/{mistaken.id}/delete", token_from=f"/documents/{mistaken.id}"
    )
    assert response.status_code == 303 and db.session.get(Document, mistaken.id) is None
    response = client.post_form(f"/documents/{kept.id}/delete", token_from="/documents/")
    assert response.status_code == 422 and "1 nhiệm vụ" in text_of(response)
    assert db.session.get(Document, kept.id) is not None


@pytest.mark.parametrize("key", ["staff_a", "viewer", "viewer_b"])
def test_staff_and_viewers_read_but_do_not_manage(world, login_as, key):
    qd = doc("Quyết định 135/QĐ-TTg ngày 20/01/2020")
    client = login_as(key)
    assert client.get("/documents/").status_code == 200
    page = text_of(client.get(f"/documents/{qd.id}"))
    assert f'href="/documents/{qd.id}/edit"' not in page and "Tải lên" not in page
    assert client.get("/documents/new").status_code == 403
    assert client.get(f"/documents/{qd.id}/edit").status_code == 403
    token = client.csrf("/documents/")
    posted = client.post("/documents/new", data=form("9/QĐ-TTg") | {"csrf_token": token})
    assert posted.status_code == 403
    deleted = client.post(f"/documents/{qd.id}/delete", data={"csrf_token": token})
    assert deleted.status_code == 403
    assert documents_count() == 1


def test_forms_need_their_csrf_token(world, login_as):
    client = login_as("director")
    response = client.post("/documents/new", data=form("9/QĐ-TTg"))
    assert response.status_code == 400 and documents_count() == 0
