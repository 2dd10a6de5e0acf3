from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "podium.record"
    label = "record"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from podium.programme import extensions

        for label, name, order in (
            (_("Archive and statements"), "record:archive", 40),
            (_("Statistics"), "record:statistics", 41),
            (_("Co-facilitators' summary"), "record:summary", 42),
        ):
            extensions.register_link(
                label, lambda s, name=name: reverse(name, kwargs={"slug": s.slug}), order
            )
