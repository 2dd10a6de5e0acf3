from django.apps import AppConfig


class SideeventsConfig(AppConfig):
    name = "podium.sideevents"
    label = "sideevents"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from podium.programme import extensions

        from .views import side_events_context

        extensions.register_link(
            _("Side events"), lambda s: reverse("sideevents:list", kwargs={"slug": s.slug}), 30
        )
        extensions.register_section(
            "sideevents/_programme_side_events.html", side_events_context, 50
        )
