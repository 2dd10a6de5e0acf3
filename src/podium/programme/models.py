"""The programme as stored: a session with its days, blocks, segments, slots and panel people.

The rules live in `podium.core.programme`; `podium.programme.services.programme_of(session)`
rebuilds the core objects from these rows.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Session(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    theme = models.TextField(_("theme"), blank=True)
    series = models.CharField(_("series"), max_length=200, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    time_zone = models.CharField(_("time zone (IANA)"), max_length=64, default="UTC")
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    limits = models.JSONField(_("speaking limits (minutes)"), default=dict, blank=True)
    floor = models.JSONField(_("floor options"), default=dict, blank=True)
    day_hours = models.JSONField(_("day hours"), default=dict, blank=True)
    moderators_may_be = models.JSONField(
        _("who may moderate a panel"),
        default=list,
        blank=True,
        help_text=_("member_state (the default), co_chair, un_entity, igo"),
    )
    # texts given in several languages ({path: {language: text}}; core Programme.translations)
    translations = models.JSONField(_("texts in other languages"), default=dict, blank=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:session", args=[self.slug])

    @property
    def series_slug(self) -> str:
        """The slug of the series' page (`/series/<slug>/`); "" when the session has none."""
        return slugify(self.series or "")


class Day(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="programme_day_unique")
        ]
        verbose_name = _("day")
        verbose_name_plural = _("days")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class Block(models.Model):
    """A meeting block of a day (10:00–13:00, 15:00–18:00), in the venue's local time."""

    day = models.ForeignKey(Day, on_delete=models.CASCADE, related_name="blocks")
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))

    class Meta:
        ordering = ["day__date", "start"]
        verbose_name = _("meeting block")
        verbose_name_plural = _("meeting blocks")

    def __str__(self) -> str:
        return f"{self.day} {self.start:%H:%M}–{self.end:%H:%M}"


class SideEventWindow(models.Model):
    """When side events may be held on a day (venue's local time)."""

    day = models.ForeignKey(Day, on_delete=models.CASCADE, related_name="side_event_windows")
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))

    class Meta:
        ordering = ["day__date", "start"]
        verbose_name = _("side-event window")
        verbose_name_plural = _("side-event windows")

    def __str__(self) -> str:
        return f"{self.day} {self.start:%H:%M}–{self.end:%H:%M}"


class Panel(models.Model):
    """An expert panel (number 1, 2, …) or the summary panel (number empty, kind summary)."""

    class Kind(models.TextChoices):
        EXPERT = "expert", _("expert panel")
        SUMMARY = "summary", _("summary panel")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="panels")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.EXPERT)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    limits = models.JSONField(_("speaking limits (minutes)"), default=dict, blank=True)
    floor = models.JSONField(_("floor options"), default=dict, blank=True)

    class Meta:
        ordering = ["kind", "number"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")

    def __str__(self) -> str:
        return self.title


class PanelPerson(models.Model):
    """A person of the programme: co-chair, moderator, expert, summary-panel moderator or
    thematic expert. `name` may be "TBC"; `entity` is a code (ISO alpha-3 for States)."""

    class Role(models.TextChoices):
        CO_CHAIR = "co_chair", _("co-chair")
        MODERATOR = "moderator", _("moderator")
        EXPERT = "expert", _("expert")
        SUMMARY_MODERATOR = "summary_moderator", _("summary-panel moderator")
        THEMATIC_EXPERT = "thematic_expert", _("thematic expert")
        SPEAKER = "speaker", _("speaker of a segment")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="people")
    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="people", null=True, blank=True
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    name = models.CharField(_("name"), max_length=200, default="TBC")
    entity = models.CharField(_("entity code"), max_length=32, blank=True)
    gender = models.CharField(_("gender"), max_length=16, blank=True)
    title = models.CharField(_("title or function"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    # A segment's speaker: the segment, and what they do there ("opening", "keynote").
    segment = models.ForeignKey(
        "Segment", on_delete=models.CASCADE, related_name="speakers", null=True, blank=True
    )
    part = models.CharField(_("part in the segment"), max_length=200, blank=True)

    # One register of people: the people app writes the people it holds in a role into these
    # rows (filling the session file's "TBC", or added), so that every page and document reads
    # one list. `planned` keeps what the file said, restored when the role goes; `person_ref` is
    # the people app's person (an id, not a key: this app does not depend on that one).
    class Source(models.TextChoices):
        FILE = "file", _("session file")
        REGISTER = "register", _("people register")

    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.FILE
    )
    planned = models.JSONField(_("as the session file planned it"), null=True, blank=True)
    person_ref = models.PositiveIntegerField(_("person in the register"), null=True, blank=True)

    class Meta:
        ordering = ["role", "order", "pk"]
        verbose_name = _("programme person")
        verbose_name_plural = _("programme people")

    def __str__(self) -> str:
        return f"{self.name} ({self.entity})" if self.entity else self.name


class Segment(models.Model):
    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("registration")
        CEREMONY = "ceremony", _("ceremony")
        WELCOME = "welcome", _("welcome remarks")
        ISSUE_BRIEF = "issue_brief", _("presentation of the issue brief")
        STAKEHOLDER_DIALOGUE = "stakeholder_dialogue", _("stakeholder dialogue")
        EXPERT_PANEL = "expert_panel", _("expert panel")
        SUMMARY_PANEL = "summary_panel", _("summary panel")
        CONCLUDING_PANEL = "concluding_panel", _("concluding panel")
        CONCLUSIONS = "conclusions", _("conclusions")
        CLOSING = "closing", _("closing remarks")
        LUNCH = "lunch", _("lunch break")
        SIDE_EVENT_WINDOW = "side_event_window", _("side-event window")
        OTHER = "other", _("other")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="segments")
    day = models.ForeignKey(Day, on_delete=models.CASCADE, related_name="segments")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    panel_number = models.PositiveIntegerField(_("panel number"), null=True, blank=True)
    side_events = models.BooleanField(_("side events may be held"), default=False)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("segment")
        verbose_name_plural = _("segments")

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class Slot(models.Model):
    """One planned speaking turn of a segment, with a role and a time limit in minutes."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="slots")
    order = models.PositiveIntegerField(_("order"), default=0)
    role = models.CharField(_("role"), max_length=32)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    entity = models.CharField(_("entity code"), max_length=32, blank=True)
    min_minutes = models.PositiveIntegerField(_("minimum (minutes)"))
    max_minutes = models.PositiveIntegerField(_("maximum (minutes)"))

    class Meta:
        ordering = ["segment__start", "order"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")

    def __str__(self) -> str:
        return f"{self.role} {self.min_minutes}–{self.max_minutes}"
