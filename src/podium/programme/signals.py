"""Signals of the programme app (other apps listen; this app imports none of them).

`programme_saved(sender=Session, session=...)`: a session's programme was stored anew (a session
file imported); its people rows are the file's again. Sent inside the saving transaction, so a
receiver's writes (the people register filling the file's "TBC") land with it or not at all.
"""

from __future__ import annotations

from django.dispatch import Signal

programme_saved = Signal()
