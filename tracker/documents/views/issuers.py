"""The issuer dictionary page (admin only): list, add, rename, delete, load the defaults."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.common.access import current_principal, require
from tracker.common.exceptions import ValidationFailed
from tracker.documents.issuers import (
    delete_issuer,
    get_issuer,
    issuer_rows,
    load_default_issuers,
    missing_defaults,
    save_issuer,
)
from tracker.documents.views.blueprint import bp
from tracker.permissions import Action
from tracker.web.form_errors import on_refusal


@bp.route("/issuers", methods=["GET", "POST"])
@login_required
def issuers():
    principal = current_principal()
    require(Action.ADMINISTER, principal=principal)
    if request.method == "POST":
        on_refusal(lambda failure: (_page(failure, _draft()), failure.status))
        flash(_perform(request.form.get("action", ""), principal), "success")
        return redirect(url_for("documents.issuers", q=request.args.get("q") or None), 303)
    return _page()


def _draft() -> dict:
    """What the admin typed, shown again beside the refusal."""
    return {name: request.form.get(name, "") for name in ("issuer_id", "code", "name")}


def _page(error=None, draft=None) -> str:
    q = (request.args.get("q") or "").strip()[:100]
    return render_template(
        "documents/issuers.html",
        rows=issuer_rows(q),
        q=q,
        missing=missing_defaults(),
        error=error,
        draft=draft or {},
    )


def _perform(action: str, principal) -> str:
    """Carry out one posted action; return what to tell the admin."""
    form = request.form
    if action == "add":
        issuer, updated = save_issuer(
            current_user, principal, form.get("code"), form.get("name"), update_documents=True
        )
        return f"Đã thêm {issuer.code} — {issuer.name}." + _carried(updated)
    if action == "save":
        issuer = get_issuer(form.get("issuer_id"))
        issuer, updated = save_issuer(
            current_user,
            principal,
            form.get("code"),
            form.get("name"),
            issuer=issuer,
            update_documents=form.get("update_documents") == "1",
        )
        return f"Đã lưu {issuer.code} — {issuer.name}." + _carried(updated)
    if action == "delete":
        issuer = get_issuer(form.get("issuer_id"))
        code = issuer.code
        delete_issuer(current_user, principal, issuer)
        return f"Đã xoá mã {code} khỏi danh mục; các văn bản giữ nguyên tên cơ quan đã ghi."
    if action == "load_defaults":
        added = load_default_issuers(current_user, principal)
        return f"Đã nạp {added} cơ quan từ danh mục mặc định."
    raise ValidationFailed(f"Thao tác “{action}” không hợp lệ.", field="action")


def _carried(updated: int) -> str:
    return f" Đã cập nhật tên cơ quan ở {updated} văn bản." if updated else ""
