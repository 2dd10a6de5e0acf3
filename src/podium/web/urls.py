from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("api/openapi.json", views.openapi_json, name="openapi"),
    path("api/asyncapi.json", views.asyncapi_json, name="asyncapi"),
    path("api/docs", views.api_docs, name="api_docs"),
]
