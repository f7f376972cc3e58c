"""The form of a bulk action: which action, and what it needs (CSRF by Flask-WTF).

The tasks themselves come as repeated `task` values (the list's check boxes), and on the
apply step each with the version the preview saw (`version-<id>`).
"""

from __future__ import annotations

from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length

from tracker.bulk.actions import NOTE_MAX
from tracker.web.fields import ChoiceField, DayField, Form


class BulkForm(Form):
    action = ChoiceField("Thao tác")
    due_date = DayField("Hạn mới", id="bulk-due-date")
    assignee = ChoiceField("Người thực hiện mới", id="bulk-assignee", validate_choice=False)
    note = TextAreaField(
        "Ghi chú",
        id="bulk-note",
        validators=[
            Length(max=NOTE_MAX, message=f"Ghi chú dài quá {NOTE_MAX:,} ký tự.".replace(",", "."))
        ],
        render_kw={"rows": 2},
    )
    # "1" once the person has filled in the parameters on the preview page: only then are
    # missing ones an error (arriving from the list, nothing has been asked yet).
    asked = HiddenField(default="")
    next = HiddenField(default="")
