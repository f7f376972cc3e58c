"""E-mail: SMTP settings from the configuration, messages with plain-text and HTML parts.

Messages caused by a request are queued on the database session and sent only after the
transaction commits, so that nobody is told about a change that was rolled back.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app, render_template
from sqlalchemy import event
from sqlalchemy.orm import Session

from tracker.common.site import site_url

log = logging.getLogger("tracker.mail")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


class MailError(Exception):
    """The SMTP server could not be reached or refused the message."""


@dataclass(frozen=True)
class Mail:
    to: str
    to_name: str
    subject: str
    text: str
    html: str


def mail_enabled() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def render_mail(template: str, to, subject: str, **context) -> Mail:
    """Render `templates/mail/<template>.txt` and `.html` into a message for a user."""
    context.setdefault("base_url", site_url())
    context.setdefault("user", to)
    return Mail(
        to=to.email,
        to_name=to.full_name,
        subject=subject,
        text=render_template(f"mail/{template}.txt", **context),
        html=render_template(f"mail/{template}.html", **context),
    )


def header_text(value: str) -> str:
    """Text safe for one mail header: line breaks and other controls become single spaces.

    A task title with CR/LF must neither add headers ("Bcc: …") nor break the message.
    """
    return " ".join(_CONTROLS.sub(" ", value or "").split())


def build_message(mail: Mail) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["Subject"] = header_text(mail.subject)
    message["From"] = formataddr(("Theo dõi nhiệm vụ", config["MAIL_FROM"]))
    message["To"] = formataddr((header_text(mail.to_name), header_text(mail.to)))
    message["Message-ID"] = make_msgid(domain=config["MAIL_FROM"].partition("@")[2] or None)
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    return message


def send_mail(mail: Mail) -> None:
    """Send one message now; MailError if the server cannot take it."""
    config = current_app.config
    host, port, mode = config["SMTP_HOST"], int(config["SMTP_PORT"]), config["SMTP_TLS"]
    if not host:
        raise MailError("Chưa cấu hình máy chủ thư (TRACKER_SMTP_HOST).")
    try:
        if mode == "ssl":
            client = smtplib.SMTP_SSL(host, port, timeout=15, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(host, port, timeout=15)
        with client:
            if mode == "starttls":
                client.starttls(context=ssl.create_default_context())
            if config.get("SMTP_USER"):
                client.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
            client.send_message(build_message(mail))
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"{error.__class__.__name__}: {error}") from error


def queue_mail(session: Session, mail: Mail) -> None:
    """Send `mail` once the session's transaction commits (dropped on rollback)."""
    session.info.setdefault("outbox", []).append(mail)


@event.listens_for(Session, "after_commit")
def _send_outbox(session: Session) -> None:
    outbox = session.info.pop("outbox", [])
    for mail in outbox:
        try:
            send_mail(mail)
        except MailError as error:  # an immediate notice is best effort; the digest retries
            log.warning("could not send %r to %s: %s", mail.subject, mail.to, error)
        except Exception:  # noqa: BLE001 - the change is committed: a mail must not undo the answer
            log.exception("could not build or send %r to %s", mail.subject, mail.to)


@event.listens_for(Session, "after_rollback")
def _drop_outbox(session: Session) -> None:
    session.info.pop("outbox", None)
