"""The record's persistent parts: statements, contributions, written texts and the summary.

Interventions are NOT stored here: they are derived from the floor's event log every time
(`podium.record.services.record_of`); the log is the record.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from podium.record.stems import fold, stem_language, stored_stems

LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("other", _("Other")),
]


SEARCH_FIELDS = ("search_text", "search_stems", "search_language")


def _with_search_fields(kwargs: dict[str, object]) -> None:
    """A save of some fields only (`update_fields`) keeps the search copies in step."""
    fields = kwargs.get("update_fields")
    if fields is not None:
        kwargs["update_fields"] = list(dict.fromkeys([*fields, *SEARCH_FIELDS]))  # type: ignore[misc]


def contribution_language(c: Contribution) -> str:
    """The language a contribution's words are stemmed in: its statement's, else the one its
    text reads as (an intervention's passage), else English."""
    if c.statement_id is not None:
        return stem_language(c.statement.language)
    from podium.record.language import detect

    return stem_language(detect(c.text) or "en")


def statement_path(instance: Statement, filename: str) -> str:
    """An unguessable name (files were named by their upload's microsecond): a statement is
    served only by its checked view, never from where it lies."""
    ext = {"pdf": "pdf", "docx": "docx", "txt": "txt"}.get(instance.kind, "bin")
    return f"statements/{instance.session.slug}/{secrets.token_urlsafe(24)}.{ext}"


class Theme(models.Model):
    """A theme contributions are tagged with (e.g. climate change, conflict prevention)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Statement(models.Model):
    """The written text of an intervention, uploaded by its delegation (PaperSmart)."""

    session = models.ForeignKey(
        "programme.Session", on_delete=models.CASCADE, related_name="statements"
    )
    segment = models.ForeignKey(
        "programme.Segment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("segment"),
    )
    entity = models.ForeignKey(
        "people.Entity",
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("delegation"),
    )
    on_behalf_of = models.ForeignKey(
        "people.Entity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements_on_behalf",
        verbose_name=_("on behalf of"),
    )
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES, default="en")
    # what the text reads as (podium.record.language), for the uploader to confirm
    detected_language = models.CharField(
        _("detected language"), max_length=8, blank=True, choices=LANGUAGES
    )
    file = models.FileField(_("file"), upload_to=statement_path)
    kind = models.CharField(_("file type"), max_length=8)  # pdf, docx, txt (by content)
    size = models.PositiveIntegerField(_("size in bytes"))
    original_name = models.CharField(max_length=255, blank=True)
    text = models.TextField(_("extracted text"), blank=True)
    search_text = models.TextField(blank=True, editable=False)
    # the words' stems in the language below (podium.record.stems): search finds word forms
    search_stems = models.TextField(blank=True, editable=False)
    search_language = models.CharField(max_length=8, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(
        _("delivered at"),
        null=True,
        blank=True,
        help_text=_("When the statement was delivered (or its request closed unheard)."),
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return self.title or f"{self.entity} ({self.get_language_display()})"

    def save(self, *args: object, **kwargs: object) -> None:
        text = " ".join([self.title, self.speaker, self.text])
        self.search_text = fold(text)
        self.search_language = stem_language(self.language)
        self.search_stems = stored_stems(text, self.search_language)
        _with_search_fields(kwargs)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_public(self) -> bool:
        return self.delivered_at is not None


class Contribution(models.Model):
    """A tagged passage of an intervention or statement: the material of the stocktaking."""

    class Kind(models.TextChoices):
        GOOD_PRACTICE = "good_practice", _("Good practice")
        COMMITMENT = "commitment", _("Commitment / pledge")
        RECOMMENDATION = "recommendation", _("Recommendation")
        POLICY_GAP = "policy_gap", _("Policy gap")
        DATA = "data", _("Data / figure")
        PARTNERSHIP = "partnership", _("Partnership")

    session = models.ForeignKey(
        "programme.Session", on_delete=models.CASCADE, related_name="contributions"
    )
    segment = models.ForeignKey(
        "programme.Segment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("segment"),
    )
    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("statement"),
    )
    intervention = models.PositiveIntegerField(
        _("intervention number"),
        null=True,
        blank=True,
        help_text=_("The intervention's number in the session's record, when tagged from it."),
    )
    entity = models.ForeignKey(
        "people.Entity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("entity"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("passage"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="contributions")
    search_text = models.TextField(blank=True, editable=False)
    # the words' stems in the language below (podium.record.stems): search finds word forms
    search_stems = models.TextField(blank=True, editable=False)
    search_language = models.CharField(max_length=8, blank=True, editable=False)
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(self.text)
        self.search_language = contribution_language(self)
        self.search_stems = stored_stems(self.text, self.search_language)
        _with_search_fields(kwargs)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Writing(models.Model):
    """A text written in the app, with a draft and a published version.

    Kinds: the co-facilitators' introduction, a moderator's panel summary (main points,
    conclusions; one per panel segment), the thematic expert's overview, the co-facilitators'
    main conclusions.
    """

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction")
        PANEL_SUMMARY = "panel_summary", _("Moderator's panel summary")
        RECOMMENDATIONS = "recommendations", _("Key recommendations of the panel")
        THEMATIC_OVERVIEW = "thematic_overview", _("Thematic expert's overview")
        CONCLUSIONS = "conclusions", _("Co-facilitators' main conclusions")

    session = models.ForeignKey(
        "programme.Session", on_delete=models.CASCADE, related_name="writings"
    )
    segment = models.ForeignKey(
        "programme.Segment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="writings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    draft = models.TextField(_("draft"), blank=True)
    published = models.TextField(_("published version"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("written text")
        verbose_name_plural = _("written texts")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "segment", "kind"], name="record_writing_unique"
            ),
            models.UniqueConstraint(
                fields=["session", "kind"],
                condition=models.Q(segment__isnull=True),
                name="record_writing_unique_sessionwide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.session_id})"

    def publish(self) -> None:
        self.published = self.draft
        self.published_at = timezone.now()


class Summary(models.Model):
    """The co-facilitators' summary: an editable draft, then a published snapshot.

    The draft is generated live from the writings and the record; publishing freezes the
    content (`published_content`, JSON), so the published documents no longer change.
    """

    session = models.OneToOneField(
        "programme.Session", on_delete=models.CASCADE, related_name="record_summary"
    )
    published_content = models.JSONField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("co-facilitators' summary")
        verbose_name_plural = _("co-facilitators' summaries")

    def __str__(self) -> str:
        return str(self.session)
