from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from podium.programme import extensions


class SideeventsConfig(AppConfig):
    name = "podium.sideevents"
    label = "sideevents"

    def ready(self) -> None:
        from .views import journal_items, side_events_context  # models: only once apps are ready

        extensions.register_link(
            _("Side events"), lambda s: reverse("sideevents:list", kwargs={"slug": s.slug}), 30
        )
        extensions.register_section(
            "sideevents/_programme_side_events.html", side_events_context, 50
        )
        extensions.register_journal_items(journal_items)
