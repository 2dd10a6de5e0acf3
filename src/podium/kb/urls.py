from django.urls import path

from podium.kb import drafting_views, views

app_name = "kb"
urlpatterns = [
    path("api/search", views.api_search, name="api_search"),
    path("api/objectives/", views.api_objectives, name="api_objectives"),
    path(
        "api/objectives/<int:number>/contributions",
        views.api_objective_contributions,
        name="api_objective_contributions",
    ),
    path("knowledge/", views.search_page, name="search"),
    path("knowledge/objectives/", views.objectives_page, name="objectives"),
    path("knowledge/objectives/<int:number>/", views.objective_page, name="objective"),
    path("knowledge/contributions/<int:pk>/objectives", views.decide, name="decide"),
    path("sessions/<slug:slug>/drafting", drafting_views.drafting_page, name="drafting"),
    path("api/sessions/<slug:slug>/themes", drafting_views.api_themes, name="api_themes"),
]
