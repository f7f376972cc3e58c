"""The issuer dictionary: admin-only edits, unique codes, names carried to documents."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tracker.common.access import principal_for
from tracker.common.exceptions import NotAllowed, ValidationFailed
from tracker.documents.issuers import (
    delete_issuer,
    issuer_rows,
    load_default_issuers,
    missing_defaults,
    save_issuer,
)
from tracker.documents.linking import ensure_document
from tracker.documents.records import register_document
from tracker.domain.issuers import DEFAULT_ISSUERS
from tracker.domain.legal_refs import parse_ref
from tracker.extensions import db
from tracker.models import Issuer


def admin(world):
    user = world.users["admin"]
    return user, principal_for(user)


def count_issuers() -> int:
    return db.session.scalar(select(func.count()).select_from(Issuer))


def test_defaults_load_when_empty_and_only_the_missing_ones_later(world):
    user, principal = admin(world)
    assert load_default_issuers(user, principal) == len(DEFAULT_ISSUERS)
    assert missing_defaults() == {}
    db.session.delete(db.session.scalar(select(Issuer).where(Issuer.code == "TTg")))
    db.session.flush()
    assert load_default_issuers(user, principal) == 1
    assert count_issuers() == len(DEFAULT_ISSUERS)


def test_rename_carries_the_name_to_documents_that_still_show_the_old_one(world):
    user, principal = admin(world)
    ubnd, _ = save_issuer(user, principal, "UBND", "Ủy ban nhân dân tỉnh")
    plain = ensure_document(parse_ref("Kế hoạch 26/KH-UBND ngày 28/05/2020"))
    custom = register_document(
        user, principal, {"reference": "Công văn 12/UBND-VX", "issuer_name": "UBND huyện Cầu Kè"}
    )
    unnamed = ensure_document(parse_ref("Công văn 77/UBND-KT"))
    unnamed.issuer_name = None
    db.session.flush()

    _, updated = save_issuer(
        user, principal, "UBND", "UBND tỉnh Trà Vinh", issuer=ubnd, update_documents=True
    )
    assert updated == 2
    assert plain.issuer_name == unnamed.issuer_name == "UBND tỉnh Trà Vinh"
    assert custom.issuer_name == "UBND huyện Cầu Kè"
    assert "ubnd tinh tra vinh" in plain.search_text

    _, updated = save_issuer(user, principal, "UBND", "Tỉnh Trà Vinh", issuer=ubnd)
    assert updated == 0 and plain.issuer_name == "UBND tỉnh Trà Vinh"
    row = next(r for r in issuer_rows() if r.issuer.code == "UBND")
    assert (row.documents, row.same_name) == (3, 0)


def test_adding_an_issuer_names_documents_that_had_no_name(world):
    user, principal = admin(world)
    document = ensure_document(parse_ref("Công văn 9/XYZ-VP"))
    assert document.issuer_name is None
    _, updated = save_issuer(user, principal, "XYZ", "Sở XYZ", update_documents=True)
    assert updated == 1 and document.issuer_name == "Sở XYZ"


@pytest.mark.parametrize(
    ("code", "name", "field"),
    [
        ("", "Tên", "code"),
        ("BỘ TT", "Tên", "code"),
        ("A/B", "Tên", "code"),
        ("X" * 41, "Tên", "code"),
        ("ttg", "Trùng mã", "code"),  # codes are unique whatever their case
        ("hđnd", "Trùng mã", "code"),
        ("MỚI", "", "name"),
        ("MỚI", "x" * 256, "name"),
    ],
)
def test_bad_codes_and_names_are_refused(world, code, name, field):
    user, principal = admin(world)
    save_issuer(user, principal, "TTg", "Thủ tướng Chính phủ")
    save_issuer(user, principal, "HĐND", "Hội đồng nhân dân tỉnh")
    with pytest.raises(ValidationFailed) as error:
        save_issuer(user, principal, code, name)
    assert error.value.field == field
    assert count_issuers() == 2


def test_renaming_to_another_issuers_code_is_refused_but_keeping_ones_own_is_not(world):
    user, principal = admin(world)
    ttg, _ = save_issuer(user, principal, "TTg", "Thủ tướng Chính phủ")
    cp, _ = save_issuer(user, principal, "CP", "Chính phủ")
    with pytest.raises(ValidationFailed):
        save_issuer(user, principal, "TTG", "Thủ tướng", issuer=cp)
    save_issuer(user, principal, "TTg", "Thủ tướng", issuer=ttg)
    assert ttg.name == "Thủ tướng"


@pytest.mark.parametrize("key", ["director", "head_a", "staff_a", "viewer"])
def test_only_admins_edit_the_dictionary(world, key):
    user = world.users[key]
    principal = principal_for(user)
    issuer = Issuer(code="CP", name="Chính phủ")
    db.session.add(issuer)
    db.session.flush()
    for attempt in (
        lambda: save_issuer(user, principal, "TTg", "Thủ tướng Chính phủ"),
        lambda: save_issuer(user, principal, "CP", "Khác", issuer=issuer),
        lambda: delete_issuer(user, principal, issuer),
        lambda: load_default_issuers(user, principal),
    ):
        with pytest.raises(NotAllowed):
            attempt()
    assert count_issuers() == 1 and issuer.name == "Chính phủ"


def test_deleting_an_issuer_keeps_document_names(world):
    user, principal = admin(world)
    issuer, _ = save_issuer(user, principal, "CATTT", "Cục An toàn thông tin")
    document = ensure_document(parse_ref("Công văn 250/CATTT-VNCERT/CC"))
    delete_issuer(user, principal, issuer)
    assert count_issuers() == 0 and document.issuer_name == "Cục An toàn thông tin"
