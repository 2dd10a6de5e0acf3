from django.urls import path

from podium.people import views

app_name = "people"
urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/", views.my_account, name="account"),
    path("accounts/join/<str:token>/", views.join_page, name="join"),
    path("api/me/", views.api_me, name="api_me"),
    path("api/entities/", views.api_entities, name="api_entities"),
    path("api/entities/<str:code>/", views.api_entity, name="api_entity"),
    path("accreditation/", views.accreditation_page, name="accreditation"),
    path("sessions/<slug:slug>/people/", views.people_page, name="people"),
    path("sessions/<slug:slug>/people.csv", views.people_csv, name="people_csv"),
    path("sessions/<slug:slug>/my-delegation", views.my_delegation, name="my_delegation"),
    path("sessions/<slug:slug>/delegations/<str:code>/", views.delegation, name="delegation"),
    path("sessions/<slug:slug>/composition", views.composition_page, name="composition"),
]
