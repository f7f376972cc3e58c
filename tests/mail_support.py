"""A real SMTP server on loopback (aiosmtpd) that the app sends its e-mails to.

Load it as a plugin from a test module; its fixture `smtp` is the inbox:

    pytest_plugins = ["mail_support"]

    def test_something(smtp): ...

(`unused_port` is a loopback port nothing listens on.)
"""

from __future__ import annotations

import email
import socket
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps the messages, or refuses them when told to."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 5.7.1 Message refused"
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]


@pytest.fixture
def smtp(app):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {k: app.config[k] for k in ("SMTP_HOST", "SMTP_PORT", "SMTP_TLS")}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_TLS="none")
    yield inbox
    controller.stop()
    app.config.update(saved)


@pytest.fixture
def unused_port() -> int:
    return free_port()
