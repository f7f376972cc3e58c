"""Who hears about what: one listener on every task signal (common/signals.py).

It puts the news in the bell of each person concerned (notify/inbox.py) and e-mails those
who want that kind of mail (notify/mail.py), in the same transaction as the change itself.
"""

from __future__ import annotations

from functools import partial

from tracker.common.signals import KINDS
from tracker.notify.inbox import notify
from tracker.notify.mail import mail_people


def tell_people(kind: str, task, actor=None, **data) -> None:
    """Tell the people concerned by `kind` on `task`: in the app, and by mail."""
    people, message = notify(kind, task, actor, data)
    mail_people(kind, task, actor, people, message)


# Made once per process: connecting the same receivers again (another app in the same
# process, as in the tests) changes nothing, where fresh ones would tell people twice.
RECEIVERS = {signal: partial(tell_people, kind) for signal, kind in KINDS.items()}


def connect() -> None:
    """Listen to every task signal."""
    for signal, receiver in RECEIVERS.items():
        signal.connect(receiver, weak=False)
