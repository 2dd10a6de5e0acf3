"""What the floor tells the other apps, after a change is committed.

`floor_changed(session, events)`: the events just appended to the session's log (sent once per
transaction; receivers must be quick: they run on the command path, after the answer's snapshot
is built and published). The record connects to it so that a statement becomes public when its
delegation is heard, not when someone next opens a page.
"""

from __future__ import annotations

from django.dispatch import Signal

floor_changed = Signal()
