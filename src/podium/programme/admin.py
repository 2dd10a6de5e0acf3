"""Admin for the secretariat: edit everything; saving a session runs the same rules as `podium check`.

A save whose result breaks a rule is rolled back, and the problems are shown on the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from podium.core import programme as core
from podium.programme import models
from podium.programme.messages import problem_message
from podium.programme.services import validate_session


class _RulesBroken(Exception):
    def __init__(self, problems: list[core.Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


class DayInline(admin.TabularInline):
    model = models.Day
    extra = 0
    show_change_link = True


class PanelInline(admin.StackedInline):
    model = models.Panel
    extra = 0
    show_change_link = True


class PersonInline(admin.TabularInline):
    model = models.PanelPerson
    extra = 0
    fields = ("role", "panel", "name", "entity", "gender", "title", "order")


class SegmentInline(admin.TabularInline):
    model = models.Segment
    extra = 0
    fields = ("day", "kind", "start", "end", "panel_number", "title", "side_events")
    show_change_link = True


class ValidatedAdmin(admin.ModelAdmin):
    """Runs the programme rules after every save; errors roll the save back."""

    def _session_of(self, obj: Any) -> models.Session | None:
        if isinstance(obj, models.Session):
            return obj
        for attr in ("session", "day"):
            target = getattr(obj, attr, None)
            if isinstance(target, models.Session):
                return target
            if isinstance(target, models.Day):
                return target.session
        segment = getattr(obj, "segment", None)
        return segment.session if segment is not None else None

    def _errors(self, session: models.Session | None) -> set[str]:
        if session is None or session.pk is None:
            return set()
        return {p.message for p in validate_session(session) if p.severity == "error"}

    def _check_after(self, request: HttpRequest, session: models.Session | None) -> None:
        """Refuse a change that adds an error to the programme. A programme that already had
        errors (one being built in the admin) may be completed step by step; its remaining
        errors are shown as warnings."""
        if session is None:
            return
        before: set[str] = getattr(request, "_programme_errors_before", set())
        problems = validate_session(session)
        new = [p for p in problems if p.severity == "error" and p.message not in before]
        if new:
            raise _RulesBroken(new)
        for p in problems:
            messages.warning(request, problem_message(p))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        self._check_after(request, self._session_of(form.instance))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        session = None if isinstance(obj, models.Session) else self._session_of(obj)
        request._programme_errors_before = self._errors(session)  # type: ignore[attr-defined]
        super().delete_model(request, obj)
        self._check_after(request, session)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        session = None
        if object_id:
            obj = self.get_object(request, object_id)
            session = self._session_of(obj) if obj is not None else None
        request._programme_errors_before = self._errors(session)  # type: ignore[attr-defined]
        if session is not None:  # edit times in the venue's time zone
            timezone.activate(core.zone_named(session.time_zone))
        try:
            with transaction.atomic():
                response = super().changeform_view(request, object_id, form_url, extra_context)
            render = getattr(response, "render", None)
            if render is not None:  # render while the venue's zone is active
                render()
            return response
        except _RulesBroken as exc:
            messages.error(request, _("Not saved: the programme would break its rules."))
            for problem in exc.problems:
                messages.error(request, problem_message(problem))
            return HttpResponseRedirect(request.get_full_path())
        finally:
            if session is not None:
                timezone.deactivate()

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            with transaction.atomic():
                return super().delete_view(request, object_id, extra_context)
        except _RulesBroken as exc:
            messages.error(request, _("Not deleted: the programme would break its rules."))
            for problem in exc.problems:
                messages.error(request, problem_message(problem))
            return HttpResponseRedirect(request.get_full_path())


@admin.register(models.Session)
class SessionAdmin(ValidatedAdmin):
    list_display = ("title", "slug", "venue", "city", "start_date", "end_date", "time_zone")
    search_fields = ("title", "slug", "venue", "city")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [PersonInline, PanelInline, DayInline, SegmentInline]


class BlockInline(admin.TabularInline):
    model = models.Block
    extra = 0


class WindowInline(admin.TabularInline):
    model = models.SideEventWindow
    extra = 0


@admin.register(models.Day)
class DayAdmin(ValidatedAdmin):
    list_display = ("session", "date")
    list_filter = ("session",)
    inlines = [BlockInline, WindowInline]


@admin.register(models.Panel)
class PanelAdmin(ValidatedAdmin):
    list_display = ("session", "kind", "number", "title")
    list_filter = ("session", "kind")


class SlotInline(admin.TabularInline):
    model = models.Slot
    extra = 0


@admin.register(models.Segment)
class SegmentAdmin(ValidatedAdmin):
    list_display = ("session", "day", "start", "end", "kind", "panel_number", "title")
    list_filter = ("session", "kind")
    inlines = [SlotInline]


@admin.register(models.PanelPerson)
class PanelPersonAdmin(ValidatedAdmin):
    list_display = ("session", "role", "panel", "name", "entity")
    list_filter = ("session", "role")
