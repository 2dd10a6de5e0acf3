from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    name = "podium.floor"
    label = "floor"
    verbose_name = _("Floor")

    def ready(self) -> None:
        # Sockets get a session's snapshot from the floor, and the floor says who may see which
        # view (the live layer imports no app). In ready(): the models must be loaded first.
        from podium.floor.access import subscription
        from podium.floor.services import provide
        from podium.live import provider

        provider.register(provide)
        provider.register_subscriber(subscription)

        from django.urls import reverse

        from podium.programme import extensions

        for label, name, order in (
            (_("Live: now speaking"), "floor:live", 10),
            (_("Room screen"), "floor:room", 11),
            (_("Request the floor"), "floor:delegate", 12),
            (_("Moderator console"), "floor:console", 13),
        ):
            extensions.register_link(
                label, lambda s, name=name: reverse(name, kwargs={"slug": s.slug}), order
            )
