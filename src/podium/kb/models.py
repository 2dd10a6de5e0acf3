"""The knowledge base: passages of what the sessions said, each with its embedding.

A passage is cut from one source (a statement's text, a tagged contribution, a published
summary text, a note of those who run the floor) and never changes: re-indexing a source retires
its passages (`retired_gen`) and adds new ones (`added_gen`), so that every process's
in-memory index (`podium.kb.search`) catches up by reading only what changed since its
generation (`IndexState.generation`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from podium.record.models import LANGUAGES, Contribution


class Source(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    CONTRIBUTION = "contribution", _("Tagged contribution")
    SUMMARY = "summary", _("Published summary")
    NOTE = "note", _("Note of the floor")


class Passage(models.Model):
    session = models.ForeignKey("programme.Session", on_delete=models.CASCADE, related_name="+")
    segment = models.ForeignKey(
        "programme.Segment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    source_id = models.PositiveBigIntegerField()
    ordinal = models.PositiveIntegerField(default=0)  # its place in the source, from 0
    entity = models.ForeignKey(
        "people.Entity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    speaker = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, choices=LANGUAGES)
    # a contribution's type (good practice, commitment…), else ""
    tag = models.CharField(max_length=20, blank=True)
    text = models.TextField()
    # for the full-text half of the ranking (as podium.record.search stores them)
    search_text = models.TextField(blank=True)
    search_stems = models.TextField(blank=True)
    search_language = models.CharField(max_length=8, blank=True)
    # visible to everyone (a delivered statement, a published summary), else to the secretariat
    public = models.BooleanField(default=True)
    vector = models.BinaryField()  # float32 × DIM, L2-normalized
    model = models.CharField(max_length=40)
    added_gen = models.PositiveBigIntegerField(db_index=True)
    retired_gen = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["source", "source_id"])]

    def __str__(self) -> str:
        return f"{self.source} {self.source_id} #{self.ordinal}"


class Pending(models.Model):
    """A source to (re)index, written in the transaction that changed it, so that a restart
    before the indexer ran loses nothing (the next run picks it up)."""

    source = models.CharField(max_length=12, choices=Source.choices)
    source_id = models.PositiveBigIntegerField()
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="kb_pending_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.source_id}"


class IndexState(models.Model):
    """One row: the generation of the index, bumped by every change of its passages."""

    generation = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"generation {self.generation}"


class ObjectiveLink(models.Model):
    """A contribution's link to one of the compact's objectives: suggested by similarity, then
    confirmed or rejected by the secretariat (a decision is kept and taught to the suggester)."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="objective_links"
    )
    objective = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    score = models.FloatField(default=0.0)  # the similarity when suggested
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "objective"], name="kb_objective_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} → {self.objective} ({self.status})"
