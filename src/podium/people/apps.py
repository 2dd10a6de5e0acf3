from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "podium.people"
    label = "people"

    def ready(self) -> None:
        # Connect the signals that keep memoized roles, the floor's directory and the programme's
        # people (the register) fresh (models cannot be imported before the app registry is
        # ready, hence here).
        from podium.people import directory, permissions, register  # noqa: F401
