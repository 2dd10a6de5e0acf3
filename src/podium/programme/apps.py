from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "podium.programme"
    label = "programme"
