from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    name = "podium.floor"
    label = "floor"
    verbose_name = _("Floor")

    def ready(self) -> None:
        # Sockets get a session's snapshot from the floor (the live layer imports no app).
        from podium.floor.services import provide
        from podium.live import provider

        provider.register(provide)
