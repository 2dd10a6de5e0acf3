"""Project URLs: each capability brings its own urls module."""

from django.conf import settings
from django.conf.urls.static import static
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
    path("", include("podium.web.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
