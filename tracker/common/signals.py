"""What happens to a task that people should hear about, as Flask's blinker signals.

The use cases send them (`task_submitted.send(task, actor=user)`); notify/subscribers.py
listens and tells the people concerned, in the app and by e-mail. Senders know nothing of
who listens. Each signal's sender is the task; keyword arguments carry the rest.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

task_assigned = _signals.signal("task-assigned")
task_submitted = _signals.signal("task-submitted")
task_confirmed = _signals.signal("task-confirmed")
task_returned = _signals.signal("task-returned")  # reason=
task_reminded = _signals.signal("task-reminded")
extension_requested = _signals.signal("extension-requested")  # date=
extension_decided = _signals.signal("extension-decided")  # decision=, requester=

# The notification kind each signal stands for (the bell's and the mail's vocabulary).
KINDS = {
    task_assigned: "assigned",
    task_submitted: "submitted",
    task_confirmed: "confirmed",
    task_returned: "returned",
    task_reminded: "reminded",
    extension_requested: "extension_requested",
    extension_decided: "extension_decided",
}
BY_KIND = {kind: signal for signal, kind in KINDS.items()}
