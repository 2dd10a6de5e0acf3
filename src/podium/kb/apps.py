from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    name = "podium.kb"
    label = "kb"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        # what is uploaded, edited, tagged or published is (re)indexed after its commit
        from podium.kb import index

        index.connect()
