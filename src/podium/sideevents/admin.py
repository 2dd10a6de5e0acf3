from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from podium.sideevents.models import Booking, LogEntry, Room, SideEvent, Speaker


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "venue", "building", "capacity", "webcast", "active"]
    list_filter = ["venue", "webcast", "active"]
    search_fields = ["name", "building", "venue"]


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0


class LogInline(admin.TabularInline):
    model = LogEntry
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_status", "to_status", "note"]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


def side_event_admin_form() -> type[forms.ModelForm]:
    """Built on first use (not at import) so the admin loads before related apps' models."""

    class SideEventAdminForm(forms.ModelForm):
        class Meta:
            model = SideEvent
            fields = [
                "session", "organizer", "cosponsors", "title", "description", "themes", "start", "end",
                "alternatives", "room", "capacity_needed", "languages_needed", "webcast_needed",
                "contact_name", "contact_email", "contact_phone", "decline_reason",
            ]  # fmt: skip

        def clean(self) -> dict[str, Any]:
            data = super().clean()
            room, start, end = data.get("room"), data.get("start"), data.get("end")
            if room is not None and start and end:
                if end <= start:
                    raise ValidationError(_("A side event must end after it starts."))
                holding = self.instance.status in ("submitted", "under_review", "approved")
                taken = Booking.objects.filter(room=room, start__lt=end, end__gt=start)
                if self.instance.pk:
                    taken = taken.exclude(side_event=self.instance)
                if holding and taken.exists():
                    raise ValidationError(_("That room is already booked at that time."))
            return data

    return SideEventAdminForm


@admin.register(SideEvent)
class SideEventAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "organizer", "start", "end", "room", "status"]
    list_filter = ["session", "status", "room"]
    search_fields = ["title", "organizer__name", "contact_name", "contact_email"]
    autocomplete_fields: list[str] = []
    filter_horizontal = ["cosponsors"]
    inlines = [SpeakerInline, LogInline]
    readonly_fields = ["status", "created_at", "updated_at", "submitted_by"]

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["form"] = side_event_admin_form()
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request: Any, obj: SideEvent, form: Any, change: bool) -> None:
        """Editing in the admin keeps the room booking in step (and refuses an overlap)."""
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if obj.room_id is None or obj.status not in ("submitted", "under_review", "approved"):
                Booking.objects.filter(side_event=obj).delete()
            else:
                Booking.objects.update_or_create(
                    side_event=obj,
                    defaults={"room_id": obj.room_id, "start": obj.start, "end": obj.end},
                )


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["room", "start", "end", "side_event"]
    list_filter = ["room"]
