from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from podium.people.models import (
    AccreditationEvent,
    AccreditationStatus,
    ApiToken,
    Entity,
    Listing,
    NonObjectionList,
    Objection,
    Person,
    Role,
)


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "iso2", "numeric", "election_group", "accredited_now")
    list_filter = ("kind", "election_group", "accreditation", "category")
    search_fields = ("code", "name", "iso2", "iso3")
    filter_horizontal = ("members",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("accreditation status"))
    def accredited_now(self, obj: Entity) -> str:
        """As the pages read it: a list past its deadline counts before it is settled."""
        status = obj.accreditation_at(timezone.now())
        return str(AccreditationStatus(status).label) if status else ""


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ("entity",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("family_name", "given_name", "title", "function", "entity", "email", "user")
    list_filter = ("function", "entity__kind")
    search_fields = ("family_name", "given_name", "email", "entity__name", "entity__code")
    autocomplete_fields = ("entity", "user")
    inlines = [RoleInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("person", "role", "panel", "entity", "session")
    list_filter = ("session", "role")
    search_fields = ("person__family_name", "person__given_name", "entity__code")
    autocomplete_fields = ("person", "entity")


class ListingInline(admin.TabularInline):
    model = Listing
    extra = 0
    autocomplete_fields = ("entity",)


@admin.register(NonObjectionList)
class NonObjectionListAdmin(admin.ModelAdmin):
    list_display = ("title", "published_at", "deadline", "closed_at")
    inlines = [ListingInline]


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    list_display = ("listing", "state", "made_at", "withdrawn_at")
    list_filter = ("state",)


@admin.register(AccreditationEvent)
class AccreditationEventAdmin(admin.ModelAdmin):
    list_display = ("at", "entity", "kind", "state", "nol")
    list_filter = ("kind",)
    search_fields = ("entity__name", "entity__code")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # the history is never edited


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "prefix", "name", "created_at", "last_used_at", "expires_at")
    readonly_fields = ("key_hash", "prefix", "created_at", "last_used_at")
