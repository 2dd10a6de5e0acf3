"""Rooms, side events, their speakers, room bookings and the workflow log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from podium.core import sideevents as core


class Status(models.TextChoices):
    SUBMITTED = core.Status.SUBMITTED.value, _("Submitted")
    UNDER_REVIEW = core.Status.UNDER_REVIEW.value, _("Under review")
    APPROVED = core.Status.APPROVED.value, _("Approved")
    DECLINED = core.Status.DECLINED.value, _("Declined")
    WITHDRAWN = core.Status.WITHDRAWN.value, _("Withdrawn")


class Gender(models.TextChoices):
    FEMALE = core.Gender.FEMALE.value, _("Female")
    MALE = core.Gender.MALE.value, _("Male")
    OTHER = core.Gender.OTHER.value, _("Other")
    UNDECLARED = core.Gender.UNDECLARED.value, _("Not declared")


class Room(models.Model):
    """A room of a venue that side events may book."""

    venue = models.CharField(
        _("venue"),
        max_length=200,
        help_text=_("As the session names it, e.g. United Nations Headquarters."),
    )
    building = models.CharField(_("building"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity (seats)"))
    languages = models.JSONField(
        _("interpretation languages"),
        default=list,
        blank=True,
        help_text=_('Language codes with interpretation booths, e.g. ["en", "fr", "es"].'),
    )
    webcast = models.BooleanField(_("webcast"), default=False)
    equipment = models.TextField(_("other equipment"), blank=True)
    active = models.BooleanField(_("bookable"), default=True)

    class Meta:
        ordering = ["venue", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="sideevents_room_unique_name")
        ]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return self.name

    def as_core(self) -> core.Room:
        return core.Room(
            key=str(self.pk),
            name=self.name,
            capacity=self.capacity,
            languages=frozenset(self.languages or ()),
            webcast=self.webcast,
            building=self.building,
        )


class SideEvent(models.Model):
    """A proposal for a side event, from submission to approval (or not)."""

    session = models.ForeignKey(
        "programme.Session",
        on_delete=models.CASCADE,
        related_name="side_events",
        verbose_name=_("session"),
    )
    organizer = models.ForeignKey(
        "people.Entity",
        on_delete=models.PROTECT,
        related_name="side_events",
        verbose_name=_("organizer"),
    )
    cosponsors = models.ManyToManyField(
        "people.Entity",
        blank=True,
        related_name="cosponsored_side_events",
        verbose_name=_("co-sponsors"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    themes = models.JSONField(
        _("themes"),
        default=list,
        blank=True,
        help_text=_("Keys of the session's panels the event relates to."),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    alternatives = models.JSONField(
        _("other preferred slots"),
        default=list,
        blank=True,
        help_text=_(
            "Further preferred slots, as [start, end] ISO 8601 pairs, in order of preference."
        ),
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="side_events",
        verbose_name=_("room"),
    )
    capacity_needed = models.PositiveIntegerField(_("expected participants"), default=0)
    languages_needed = models.JSONField(_("interpretation needed"), default=list, blank=True)
    webcast_needed = models.BooleanField(_("webcast needed"), default=False)
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="side_events",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["start", "title"]
        verbose_name = _("side event")
        verbose_name_plural = _("side events")

    def __str__(self) -> str:
        return self.title

    @property
    def needs(self) -> core.RoomNeeds:
        return core.RoomNeeds(
            capacity=self.capacity_needed,
            languages=frozenset(self.languages_needed or ()),
            webcast=self.webcast_needed,
        )

    @property
    def is_public(self) -> bool:
        return self.status == Status.APPROVED


class Speaker(models.Model):
    side_event = models.ForeignKey(SideEvent, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNDECLARED
    )
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    def as_core(self) -> core.Speaker:
        return core.Speaker(self.name, core.Gender(self.gender), self.affiliation)


class Booking(models.Model):
    """A room held for a side event. The database refuses two overlapping bookings of a room:
    an exclusion constraint on PostgreSQL, triggers on SQLite (see migration 0002)."""

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room")
    )
    side_event = models.OneToOneField(SideEvent, on_delete=models.CASCADE, related_name="booking")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="sideevents_booking_order"
            )
        ]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self) -> str:
        return f"{self.room} {self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M}"


class LogEntry(models.Model):
    """Every step of a side event's workflow: who did what, when, from which status to which."""

    side_event = models.ForeignKey(SideEvent, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}: {self.from_status} → {self.to_status}"

    @property
    def action_label(self) -> str:
        return str(STEP_LABELS.get(self.action, self.action))

    @property
    def from_label(self) -> str:
        return str(Status(self.from_status).label) if self.from_status in Status.values else ""

    @property
    def to_label(self) -> str:
        return str(Status(self.to_status).label) if self.to_status in Status.values else ""


STEP_LABELS = {
    "submit": _("Submitted"),
    "change": _("Changed by the organizer"),
    "review": _("Taken under review"),
    "approve": _("Approved"),
    "decline": _("Declined"),
    "withdraw": _("Withdrawn"),
}
