"""Project URLs: each capability brings its own urls module."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("podium.people.urls")),
    path("", include("podium.programme.urls")),
    path("", include("podium.floor.urls")),
    path("", include("podium.record.urls")),
    path("", include("podium.sideevents.urls")),
    path("", include("podium.live.urls")),
    path("", include("podium.desk.urls")),
    path("", include("podium.web.urls")),
]
# No URL serves MEDIA_ROOT, not even with DEBUG: statements are served by their checked view.
