"""Project URLs: each capability brings its own urls module."""

from django.contrib import admin
from django.urls import include, path

from podium.web import views as web_views

urlpatterns = [
    path("admin/", admin.site.urls),
    # the language switch, which also remembers a signed-in person's choice
    path("i18n/setlang/", web_views.set_language, name="set_language"),
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
