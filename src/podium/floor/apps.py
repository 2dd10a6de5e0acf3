from django.apps import AppConfig


class FloorConfig(AppConfig):
    name = "podium.floor"
    label = "floor"
