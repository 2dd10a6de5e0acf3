from django.contrib import admin

from podium.floor.models import FloorEvent


@admin.register(FloorEvent)
class FloorEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, corrections are new events."""

    list_display = ("session", "seq", "type", "at", "by")
    list_filter = ("session", "type")
    readonly_fields = ("session", "seq", "type", "at", "by", "data")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
