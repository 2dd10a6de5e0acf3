from django.urls import path

from podium.sideevents import views

app_name = "sideevents"
urlpatterns = [
    path("sessions/<slug:slug>/side-events", views.public_list, name="list"),
    path("sessions/<slug:slug>/side-events.ics", views.ical, name="ical"),
    path("sessions/<slug:slug>/side-events/propose", views.propose, name="propose"),
    path("sessions/<slug:slug>/side-events/mine", views.mine, name="mine"),
    path("sessions/<slug:slug>/side-events/opga", views.opga, name="opga"),
    path("sessions/<slug:slug>/side-events/day/<str:day>", views.day_sheet, name="day"),
    path("sessions/<slug:slug>/side-events/<int:pk>", views.detail, name="detail"),
    path("sessions/<slug:slug>/side-events/<int:pk>/edit", views.edit, name="edit"),
    path("sessions/<slug:slug>/side-events/<int:pk>/act", views.act, name="act"),
    path("api/sessions/<slug:slug>/side-events", views.api_list, name="api_list"),
]
