from django.urls import path

from podium.floor import views

app_name = "floor"
urlpatterns = [
    path("api/sessions/<slug:slug>/floor", views.api_floor, name="api"),
    path("sessions/<slug:slug>/floor/console", views.console, name="console"),
    path("sessions/<slug:slug>/floor/delegate", views.delegate, name="delegate"),
    path("sessions/<slug:slug>/room", views.room, name="room"),
    path("sessions/<slug:slug>/live", views.live, name="live"),
]
