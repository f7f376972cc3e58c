"""The document registry's services: lists, duplicates, neighbours, directives, issuers."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from tracker.common.access import principal_for
from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.documents.linking import ensure_document
from tracker.documents.queries import DocumentFilter, document_filter_from_args, document_list
from tracker.documents.records import (
    DuplicateDocument,
    delete_document,
    register_document,
    update_document,
)
from tracker.domain.legal_refs import parse_ref
from tracker.extensions import db
from tracker.models import Document, Issuer


def doc(text: str, title: str | None = "Trích yếu") -> Document:
    document = ensure_document(parse_ref(text), title=title)
    db.session.commit()
    return document


def symbols(f: DocumentFilter) -> list[str]:
    return [d.symbol for d in db.session.scalars(document_list(f))]


def who(world, key):
    user = world.users[key]
    return user, principal_for(user)


@pytest.fixture
def registry(world):
    return {
        "qd": doc("Quyết định 135/QĐ-TTg ngày 20/01/2020", "Phê duyệt Đề án thông tin cơ sở"),
        "ct": doc("Chỉ thị 03/CT-TTg ngày 16/01/2020", "Tăng cường phòng, chống tác hại rượu, bia"),
        "cv": doc("Công văn 4366/BTTTT-HTQT", None),
        "nd": doc("Nghị định 100/2019/NĐ-CP ngày 30/12/2019", "Xử phạt giao thông đường bộ"),
        "hd": doc("Quyết định 12/QĐ-HĐND ngày 05/02/2021", "Quyết định của Hội đồng"),
    }


# -- the list ----------------------------------------------------------------------------------


def test_search_ignores_accents_case_and_spacing(registry):
    assert set(symbols(DocumentFilter(q="quyet dinh"))) == {"135/QĐ-TTg", "12/QĐ-HĐND"}
    assert symbols(DocumentFilter(q="135/qd-ttg")) == ["135/QĐ-TTg"]
    assert symbols(DocumentFilter(q="135 / QĐ - TTg")) == ["135/QĐ-TTg"]
    assert symbols(DocumentFilter(q="thong tin co so")) == ["135/QĐ-TTg"]
    assert symbols(DocumentFilter(q="bộ thông tin")) == ["4366/BTTTT-HTQT"]  # issuer name
    assert symbols(DocumentFilter(q="khong co dau")) == []


def test_filters_by_type_issuer_year_and_missing_title(registry):
    assert symbols(DocumentFilter(doc_type="Chỉ thị")) == ["03/CT-TTg"]
    assert set(symbols(DocumentFilter(issuer_code="ttg"))) == {"135/QĐ-TTg", "03/CT-TTg"}
    # SQLite's lower() leaves "Đ" alone: the issuer is matched in Python, in any case.
    assert symbols(DocumentFilter(issuer_code="hđnd")) == ["12/QĐ-HĐND"]
    assert symbols(DocumentFilter(year=2019)) == ["100/2019/NĐ-CP"]
    assert symbols(DocumentFilter(needs_title=True)) == ["4366/BTTTT-HTQT"]
    assert "100/2019/NĐ-CP" not in symbols(DocumentFilter(directives_only=True))


def test_newest_first_then_oldest(registry):
    newest = symbols(DocumentFilter())
    assert newest[0] == "12/QĐ-HĐND" and newest[-1] == "4366/BTTTT-HTQT"  # no year: last
    assert symbols(DocumentFilter(sort="issued"))[0] == "100/2019/NĐ-CP"


@pytest.mark.parametrize(
    ("args", "field"),
    [({"year": "20x0"}, "year"), ({"year": "1200"}, "year"), ({"sort": "random"}, "sort")],
)
def test_bad_filter_arguments_name_the_field(db, args, field):
    with pytest.raises(ValidationFailed) as error:
        document_filter_from_args(MultiDict(args))
    assert error.value.field == field


# -- registering and editing ---------------------------------------------------------------------


def test_a_typed_reference_fills_every_field(world):
    user, principal = who(world, "director")
    document = register_document(
        user,
        principal,
        {"reference": "quyết định số 135/qđ-ttg ngày 20/01/2020 về việc phê duyệt Đề án"},
    )
    assert (document.doc_type, document.symbol, document.number) == (
        "Quyết định",
        "135/QĐ-TTg",
        "135",
    )
    assert (document.year, document.issuer_code, document.issuer_name) == (
        2020,
        "TTg",
        "Thủ tướng Chính phủ",
    )
    assert document.issued_on.isoformat() == "2020-01-20"
    assert document.title == "phê duyệt Đề án" and not document.needs_title
    assert "quyet dinh 135/qd-ttg" in document.search_text


def test_explicit_fields_win_over_the_reference_and_the_dictionary(world):
    db.session.add(Issuer(code="UBND", name="Ủy ban nhân dân tỉnh Trà Vinh"))
    db.session.commit()
    user, principal = who(world, "head_a")
    document = register_document(
        user,
        principal,
        {"reference": "26/KH-UBND", "issued_on": "28/05/2020", "link": "https://example.vn/a"},
    )
    assert document.doc_type == "Kế hoạch" and document.year == 2020
    assert document.issuer_name == "Ủy ban nhân dân tỉnh Trà Vinh"
    assert document.needs_title
    other = register_document(
        user,
        principal,
        {"reference": "Công văn 12/UBND-VX", "doc_type": "Thông báo", "issuer_name": "UBND huyện"},
    )
    assert (other.doc_type, other.issuer_name) == ("Thông báo", "UBND huyện")


@pytest.mark.parametrize(
    "variant",
    [
        "135/QĐ-TTg",
        "135/qđ-ttg",
        "Quyết định 135 / QĐ -TTg",
        "QUYẾT ĐỊNH SỐ 135/QĐ-TTG ngày 20/01/2020",
        "135/qd-ttg",
    ],
)
def test_spacing_and_case_variants_are_duplicates(registry, world, variant):
    user, principal = who(world, "director")
    before = db.session.scalar(select(func.count()).select_from(Document))
    with pytest.raises(DuplicateDocument) as error:
        register_document(user, principal, {"reference": variant})
    assert error.value.existing.id == registry["qd"].id
    assert error.value.status == 409 and error.value.field == "reference"
    assert "đã có trong danh mục" in error.value.message
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Document)) == before


def test_same_number_in_another_year_is_another_document(registry, world):
    user, principal = who(world, "director")
    other = register_document(
        user, principal, {"reference": "Quyết định 135/QĐ-TTg ngày 02/02/2021"}
    )
    assert other.id != registry["qd"].id and other.year == 2021
    # Without a year the registry cannot tell which one is meant: refused as a duplicate.
    with pytest.raises(DuplicateDocument):
        register_document(
            user, principal, {"reference": "Công văn 4366/BTTTT-HTQT ngày 01/03/2020"}
        )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reference": ""}, "reference"),
        ({"reference": "theo chỉ đạo của lãnh đạo"}, "reference"),
        ({"reference": "Quyết định 135/QĐ-TTg ngày 31/02/2020"}, "reference"),
        ({"reference": "135/QĐ-TTg", "issued_on": "31/02/2020"}, "issued_on"),
        ({"reference": "135/QĐ-TTg", "issued_on": "2999-01-01"}, "issued_on"),
        ({"reference": "100/2019/NĐ-CP", "issued_on": "2020-01-05"}, "issued_on"),
        ({"reference": "135/QĐ-TTg", "link": "javascript:alert(1)"}, "link"),
        ({"reference": "135/QĐ-TTg", "link": "vanban.gov.vn"}, "link"),
        ({"reference": "135/QĐ-TTg", "doc_type": "Thư tình"}, "doc_type"),
        ({"reference": "135/QĐ-TTg", "colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_refused_naming_the_field(world, data, field):
    user, principal = who(world, "director")
    with pytest.raises(ValidationFailed) as error:
        register_document(user, principal, data)
    assert error.value.field == field
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0


@pytest.mark.parametrize("key", ["staff_a", "viewer"])
def test_only_managers_register_documents(world, key):
    user, principal = who(world, key)
    with pytest.raises(NotAllowed):
        register_document(user, principal, {"reference": "135/QĐ-TTg"})


def test_update_refuses_a_symbol_taken_by_another(registry, world):
    user, principal = who(world, "director")
    with pytest.raises(DuplicateDocument) as error:
        update_document(user, principal, registry["ct"], {"reference": "135/qđ-ttg"})
    assert error.value.existing.id == registry["qd"].id
    db.session.rollback()
    document = update_document(
        user,
        principal,
        registry["cv"],
        {"reference": "4366/BTTTT-HTQT", "title": "Thi viết thư UPU"},
    )
    assert not document.needs_title and "thi viet thu upu" in document.search_text
    # Saving a document under its own symbol is not a duplicate of itself.
    update_document(user, principal, registry["qd"], {"reference": "135/QĐ-TTg", "title": "X"})


def test_delete_only_documents_no_task_implements(registry, world):
    user, principal = who(world, "director")
    task = world.task(title="Thực hiện")
    task.documents.append(registry["qd"])
    db.session.commit()
    with pytest.raises(ValidationFailed, match="1 nhiệm vụ"):
        delete_document(user, principal, registry["qd"])
    delete_document(user, principal, registry["ct"])
    assert db.session.get(Document, registry["ct"].id) is None
