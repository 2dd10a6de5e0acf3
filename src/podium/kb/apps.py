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
        # the summary editor's "Drafting help" (the record imports nothing of the kb)
        from podium.kb.drafting_views import editor_panel
        from podium.record import editor_panels

        editor_panels.register("kb-drafting", editor_panel)
