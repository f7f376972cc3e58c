"""Registering and correcting documents, their files, and the reference reader the form uses."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.common.access import current_principal, require
from tracker.documents.files import document_file
from tracker.documents.linking import get_document
from tracker.documents.records import (
    DuplicateDocument,
    attach_document_file,
    delete_document,
    document_form_values,
    reference_preview,
    register_document,
    update_document,
)
from tracker.documents.views.blueprint import bp
from tracker.documents.views.forms import DocumentForm
from tracker.documents.views.registry import reader, render_document
from tracker.models import Document
from tracker.permissions import Action
from tracker.web import downloads
from tracker.web.form_errors import flash_and_show, on_refusal, show_errors


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    principal = current_principal()
    require(Action.MANAGE_DOCUMENTS, principal=principal)
    form = DocumentForm()
    if request.method == "GET" and request.args.get("ref"):
        _prefill(form, request.args["ref"][:300])

    def save(data: dict) -> tuple[Document, str, str]:
        document = register_document(current_user, principal, data)
        if document.needs_title:
            return document, f"Đã đăng ký {document.label}; còn thiếu trích yếu.", "warning"
        return document, f"Đã đăng ký {document.label}.", "success"

    return _submit(form, None, save)


@bp.route("/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def edit(document_id: int):
    principal = current_principal()
    document = get_document(document_id)
    require(Action.EDIT_DOCUMENT, principal=principal, document=document)
    form = DocumentForm(data=document_form_values(document) if request.method == "GET" else None)

    def save(data: dict) -> tuple[Document, str, str]:
        update_document(current_user, principal, document, data)
        return document, f"Đã lưu {document.label}.", "success"

    return _submit(form, document, save)


def _submit(
    form: DocumentForm,
    document: Document | None,
    save: Callable[[dict], tuple[Document, str, str]],
):
    """Save a valid form (`save` gives the document, a message and its kind) and go to the
    document; else the form again with its problems (409: the reference is registered)."""
    if not form.validate_on_submit():
        return _form_page(form, document), 422 if form.errors else 200

    def refused(error):
        if isinstance(error, DuplicateDocument):
            form.reference.errors.append(error.message)
            return _form_page(form, document, duplicate=error.existing), error.status
        show_errors(form, error)
        return _form_page(form, document), error.status

    on_refusal(refused)
    saved, message, category = save(form.service_data())
    flash(message, category)
    return redirect(url_for("documents.show", document_id=saved.id), 303)


def _form_page(form: DocumentForm, document: Document | None, duplicate=None) -> str:
    return render_template("documents/form.html", form=form, document=document, duplicate=duplicate)


@bp.post("/<int:document_id>/delete")
@login_required
def delete(document_id: int):
    principal = current_principal()
    document = get_document(document_id)
    label = document.label
    delete_document(current_user, principal, document)
    flash(f"Đã xoá {label} khỏi danh mục.", "success")
    return redirect(url_for("documents.index"), 303)


@bp.post("/<int:document_id>/file")
@login_required
def upload(document_id: int):
    principal = current_principal()
    document = get_document(document_id)
    # The page again rather than a redirect: the refusal is a 422 and changes nothing.
    on_refusal(flash_and_show(lambda: render_document(principal, document)))
    attach_document_file(current_user, principal, document, request.files.get("file"))
    flash(f"Đã đính kèm tệp “{document.file_name}”.", "success")
    return redirect(url_for("documents.show", document_id=document.id), 303)


@bp.get("/<int:document_id>/file")
@login_required
def file(document_id: int):
    reader()
    file = document_file(get_document(document_id))
    return downloads.attachment(file.data, file.mimetype, file.filename, etag=file.digest)


@bp.get("/parse")
@login_required
def parse():
    """JSON: how a typed reference is read, and whether it is registered already."""
    reader()
    exclude = request.args.get("exclude", type=int)
    preview = reference_preview(request.args.get("text", "")[:300], exclude)
    if preview.get("duplicate"):
        duplicate = preview["duplicate"]
        duplicate["url"] = url_for("documents.show", document_id=duplicate["id"])
    return jsonify(preview)


def _prefill(form: DocumentForm, text: str) -> None:
    """Fill the form from a reference given in the address (?ref=...)."""
    form.reference.data = text
    preview = reference_preview(text)
    if preview["ok"]:
        form.issued_on.data = preview["date"] or ""
        form.title.data = preview["title"] or ""
