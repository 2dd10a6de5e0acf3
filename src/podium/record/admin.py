from django.contrib import admin

from podium.record.models import Contribution, Statement, Summary, Theme, Writing


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ("__str__", "session", "entity", "language", "kind", "delivered_at")
    list_filter = ("session", "language", "kind")
    search_fields = ("title", "speaker", "text")
    readonly_fields = ("kind", "size", "original_name", "uploaded_at")


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "session", "kind", "entity")
    list_filter = ("session", "kind", "themes")
    search_fields = ("text",)
    filter_horizontal = ("themes",)


@admin.register(Writing)
class WritingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "session", "segment", "kind", "published_at")
    list_filter = ("session", "kind")


@admin.register(Summary)
class SummaryAdmin(admin.ModelAdmin):
    list_display = ("session", "published_at", "published_by")
