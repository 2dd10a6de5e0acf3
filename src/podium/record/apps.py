from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "podium.record"
    label = "record"
