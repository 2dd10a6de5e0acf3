from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "podium.people"
    label = "people"

    def ready(self) -> None:
        # Connects the role-change signal that keeps memoized permissions fresh.
        from podium.people import permissions  # noqa: F401
