from django.urls import path

from podium.desk import views

app_name = "desk"
urlpatterns = [
    path("desk/", views.index, name="index"),
    path("sessions/<slug:slug>/edit", views.edit, name="edit"),
    path("sessions/<slug:slug>/edit/check", views.check, name="check"),
    path("sessions/<slug:slug>/edit/export", views.export, name="export"),
    path("sessions/<slug:slug>/edit/versions", views.versions, name="versions"),
]
