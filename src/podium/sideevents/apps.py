from django.apps import AppConfig


class SideeventsConfig(AppConfig):
    name = "podium.sideevents"
    label = "sideevents"
