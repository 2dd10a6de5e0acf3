"""The secretariat desk: a session file edited in the browser, as a draft, and every version
published. Keyed by the session's slug (a draft may exist before its session does); the text is
the session file itself (`podium.core.sessionfile`), so what the desk saves is what
`podium check` and `podium import` read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Draft(models.Model):
    slug = models.SlugField(_("session"), max_length=100, unique=True)
    text = models.TextField(_("session file"))
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    updated_by = models.CharField(_("saved by"), max_length=150, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("draft programme")
        verbose_name_plural = _("draft programmes")

    def __str__(self) -> str:
        return self.slug


class Version(models.Model):
    slug = models.SlugField(_("session"), max_length=100)
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("session file"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.CharField(_("published by"), max_length=150, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["slug", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "number"], name="desk_one_number_per_version")
        ]
        verbose_name = _("published programme")
        verbose_name_plural = _("published programmes")

    def __str__(self) -> str:
        return f"{self.slug} v{self.number}"
