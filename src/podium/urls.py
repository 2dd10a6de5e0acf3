"""Project URLs: each capability brings its own urls module."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # first: the web layer's language switch (which also remembers a signed-in person's
    # choice) takes /i18n/setlang/ before Django's own
    path("", include("podium.web.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("podium.people.urls")),
    path("", include("podium.programme.urls")),
    path("", include("podium.floor.urls")),
    path("", include("podium.record.urls")),
    path("", include("podium.sideevents.urls")),
    path("", include("podium.kb.urls")),
    path("", include("podium.live.urls")),
    path("", include("podium.desk.urls")),
]
# No URL serves MEDIA_ROOT, not even with DEBUG: statements are served by their checked view.
