from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "podium.desk"
    label = "desk"
