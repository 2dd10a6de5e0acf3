from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from podium.programme import extensions


class RecordConfig(AppConfig):
    name = "podium.record"
    label = "record"

    def ready(self) -> None:
        # Connect the floor's signal (statements become public when delivered); models are not
        # importable before the registry is ready, hence here.
        from podium.record import services  # noqa: F401

        for label, name, order in (
            (_("Archive and statements"), "record:archive", 40),
            (_("Statistics"), "record:statistics", 41),
            (_("Co-facilitators' summary"), "record:summary", 42),
        ):
            extensions.register_link(
                label, lambda s, name=name: reverse(name, kwargs={"slug": s.slug}), order
            )
        extensions.register_series_link(
            _("Record and statistics across the sessions"),
            lambda slug: reverse("record:series_statistics", kwargs={"slug": slug}),
            41,
        )
