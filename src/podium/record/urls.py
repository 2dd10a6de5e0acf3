from django.urls import path

from podium.record import views

app_name = "record"
urlpatterns = [
    path("sessions/<slug:slug>/archive", views.archive, name="archive"),
    path("sessions/<slug:slug>/statements/upload", views.statement_upload, name="statement_upload"),
    path("sessions/<slug:slug>/statements/<int:pk>/", views.statement_detail, name="statement"),
    path(
        "sessions/<slug:slug>/statements/<int:pk>/language",
        views.statement_language,
        name="statement_language",
    ),
    path(
        "sessions/<slug:slug>/statements/<int:pk>/file", views.statement_file, name="statement_file"
    ),
    path("sessions/<slug:slug>/contributions/", views.contributions, name="contributions"),
    path("sessions/<slug:slug>/contributions/add", views.contribution_add, name="contribution_add"),
    path("sessions/<slug:slug>/record/texts/<str:kind>", views.writing_edit, name="writing"),
    path(
        "sessions/<slug:slug>/record/texts/<str:kind>/<int:segment>",
        views.writing_edit,
        name="writing_segment",
    ),
    path("sessions/<slug:slug>/summary", views.summary, name="summary"),
    path(
        "sessions/<slug:slug>/summary.docx",
        views.summary_file,
        {"fmt": "docx"},
        name="summary_docx",
    ),
    path(
        "sessions/<slug:slug>/summary.pdf", views.summary_file, {"fmt": "pdf"}, name="summary_pdf"
    ),
    path("sessions/<slug:slug>/summary/publish", views.summary_publish, name="summary_publish"),
    path("sessions/<slug:slug>/statistics", views.statistics, name="statistics"),
    path(
        "sessions/<slug:slug>/statistics/<slug:key>.csv",
        views.statistics_download,
        {"fmt": "csv"},
        name="statistics_csv",
    ),
    path(
        "sessions/<slug:slug>/statistics/<slug:key>.json",
        views.statistics_download,
        {"fmt": "json"},
        name="statistics_json",
    ),
    path("api/sessions/<slug:slug>/record", views.record_json, name="record_json"),
    path("series/<slug:slug>/statistics", views.series_statistics, name="series_statistics"),
    path(
        "api/series/<slug:slug>/statistics",
        views.series_statistics_json,
        name="series_statistics_json",
    ),
    path("search/", views.search_page, name="search"),
]
