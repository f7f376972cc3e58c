"""Forms of the auth blueprint (CSRF-protected by Flask-WTF)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    username = StringField(
        "Tên đăng nhập",
        validators=[DataRequired("Vui lòng nhập tên đăng nhập."), Length(max=80)],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = PasswordField(
        "Mật khẩu",
        validators=[DataRequired("Vui lòng nhập mật khẩu."), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField("Ghi nhớ đăng nhập trên máy này")


class PasswordForm(FlaskForm):
    current = PasswordField(
        "Mật khẩu hiện tại",
        validators=[DataRequired("Vui lòng nhập mật khẩu hiện tại.")],
        render_kw={"autocomplete": "current-password"},
    )
    new = PasswordField(
        "Mật khẩu mới",
        validators=[DataRequired("Vui lòng nhập mật khẩu mới."), Length(max=256)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Nhập lại mật khẩu mới",
        validators=[EqualTo("new", "Hai lần nhập mật khẩu mới không khớp.")],
        render_kw={"autocomplete": "new-password"},
    )


class PreferencesForm(FlaskForm):
    """Which e-mails a person wants (the boxes are drawn from notify/mail.py's kinds)."""

    # Tells this form's post from the password form's on the same page.
    kind = HiddenField(default="preferences")
