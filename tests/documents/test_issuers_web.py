"""The issuer dictionary page: admin only; add, rename, delete, load the defaults."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from tracker.documents.linking import ensure_document
from tracker.domain.issuers import DEFAULT_ISSUERS
from tracker.domain.legal_refs import parse_ref
from tracker.extensions import db
from tracker.models import Issuer

URL = "/documents/issuers"


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def issuers() -> dict[str, str]:
    return dict(db.session.execute(select(Issuer.code, Issuer.name)).all())


def test_an_empty_dictionary_offers_the_defaults(world, login_as):
    client = login_as("admin")
    page = text_of(client.get(URL))
    assert "Nạp danh mục mặc định" in page
    assert f'href="{URL}"' in text_of(client.get("/documents/"))  # the admin's tab
    response = client.post_form(URL, {"action": "load_defaults"})
    assert response.status_code == 303
    assert issuers() == DEFAULT_ISSUERS
    page = text_of(client.get(URL))
    assert "Nạp danh mục mặc định" not in page and "Thủ tướng Chính phủ" in page


def test_add_rename_and_delete(world, login_as):
    client = login_as("admin")
    response = client.post_form(URL, {"action": "add", "code": "STTTT", "name": "Sở TT&TT"})
    assert response.status_code == 303 and issuers() == {"STTTT": "Sở TT&TT"}
    issuer = db.session.scalar(select(Issuer))
    document = ensure_document(parse_ref("Kế hoạch 12/KH-STTTT ngày 02/03/2021"))
    db.session.commit()
    assert document.issuer_name == "Sở TT&TT"

    data = {"action": "save", "issuer_id": issuer.id, "code": "STTTT", "update_documents": "1"}
    response = client.post_form(URL, data | {"name": "Sở Thông tin và Truyền thông"})
    assert response.status_code == 303
    page = text_of(client.get(URL))
    assert "Đã cập nhật tên cơ quan ở 1 văn bản." in page
    db.session.refresh(document)
    assert document.issuer_name == "Sở Thông tin và Truyền thông"

    response = client.post_form(URL, {"action": "delete", "issuer_id": issuer.id})
    assert response.status_code == 303 and issuers() == {}
    db.session.refresh(document)
    assert document.issuer_name == "Sở Thông tin và Truyền thông"


def test_a_rename_without_the_box_leaves_documents_alone(world, login_as):
    client = login_as("admin")
    client.post_form(URL, {"action": "add", "code": "CP", "name": "Chính phủ"})
    issuer = db.session.scalar(select(Issuer))
    document = ensure_document(parse_ref("Nghị quyết 01/NQ-CP ngày 01/01/2020"))
    db.session.commit()
    data = {"action": "save", "issuer_id": issuer.id, "code": "CP", "name": "Chính phủ nước CHXHCN"}
    assert client.post_form(URL, data).status_code == 303
    db.session.refresh(document)
    assert document.issuer_name == "Chính phủ"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "add", "code": "ttg", "name": "Trùng"}, "Mã “ttg” đã có trong danh mục"),
        ({"action": "add", "code": "CÓ DẤU CÁCH", "name": "X"}, "không có dấu cách"),
        ({"action": "add", "code": "MỚI", "name": ""}, "Chưa nhập tên cơ quan."),
        ({"action": "bừa", "code": "X", "name": "Y"}, "Thao tác “bừa” không hợp lệ."),
        ({"action": "delete", "issuer_id": "99999"}, "Không có cơ quan này"),
    ],
)
def test_bad_input_is_refused_with_a_message(world, login_as, data, message):
    db.session.add(Issuer(code="TTg", name="Thủ tướng Chính phủ"))
    db.session.commit()
    response = login_as("admin").post_form(URL, data)
    assert response.status_code in (404, 422)
    assert message in text_of(response)
    assert issuers() == {"TTg": "Thủ tướng Chính phủ"}


def test_a_refused_addition_keeps_what_was_typed(world, login_as):
    db.session.add(Issuer(code="TTg", name="Thủ tướng Chính phủ"))
    db.session.commit()
    response = login_as("admin").post_form(URL, {"action": "add", "code": "TTG", "name": "Trùng"})
    page = text_of(response)
    assert 'value="TTG"' in page and 'value="Trùng"' in page and "is-invalid" in page


@pytest.mark.parametrize("key", ["director", "head_a", "staff_a", "viewer"])
def test_only_admins_open_or_change_the_dictionary(world, login_as, key):
    db.session.add(Issuer(code="CP", name="Chính phủ"))
    db.session.commit()
    client = login_as(key)
    assert client.get(URL).status_code == 403
    token = client.csrf("/documents/")
    for data in (
        {"action": "add", "code": "TTg", "name": "Thủ tướng"},
        {"action": "delete", "issuer_id": db.session.scalar(select(Issuer.id))},
        {"action": "load_defaults"},
    ):
        assert client.post(URL, data=data | {"csrf_token": token}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Issuer)) == 1
    assert f'href="{URL}"' not in text_of(client.get("/documents/"))
