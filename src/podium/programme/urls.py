from django.urls import path

from podium.programme import views

app_name = "programme"
urlpatterns = [
    path("sessions/<slug:slug>/", views.session_page, name="session"),
    path("sessions/<slug:slug>/journal/<str:day>", views.journal_page, name="journal"),
    path("sessions/<slug:slug>/programme.ics", views.session_ical, name="ical"),
    path("series/<slug:slug>/", views.series_page, name="series"),
    path("series/<slug:slug>/programme.ics", views.series_feed, name="series_ical"),
    path("api/sessions/", views.api_sessions, name="api_sessions"),
    path("api/sessions/<slug:slug>", views.api_session, name="api_session"),
]
