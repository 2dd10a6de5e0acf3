"""The floor's log: one row per event, numbered per session (`seq` 1, 2, 3…).

The log is the record: the live state is its fold (`podium.core.floor.fold`), and nothing else is
the source of truth. `(session, seq)` is unique, so two workers accepting a command at once cannot
both append the same next event: one wins, the other gets an IntegrityError and retries.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from podium.core.floor import Event


class FloorEvent(models.Model):
    session = models.ForeignKey(
        "programme.Session", on_delete=models.CASCADE, related_name="floor_events"
    )
    seq = models.PositiveIntegerField(_("sequence number"))
    type = models.CharField(_("type"), max_length=40)
    at = models.DateTimeField(_("at"))
    by = models.CharField(_("by"), max_length=150, blank=True)
    data = models.JSONField(_("fields"), default=dict, blank=True)

    class Meta:
        ordering = ["session", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="floor_event_session_seq")
        ]
        verbose_name = _("floor event")
        verbose_name_plural = _("floor events")

    def __str__(self) -> str:
        return f"{self.session_id}#{self.seq} {self.type}"

    def to_event(self) -> Event:
        return Event(type=self.type, at=self.at, data=dict(self.data or {}), by=self.by)

    @classmethod
    def from_event(cls, session: Any, seq: int, event: Event) -> FloorEvent:
        return cls(
            session=session,
            seq=seq,
            type=event.type,
            at=event.at,
            by=event.by,
            data=dict(event.data),
        )
