from django.urls import path

from . import views

app_name = "buddies"
urlpatterns = [
    path("maatjes/", views.home, name="home"),
    path("maatjes/maatje-vragen/", views.ask, name="ask"),
    path("maatjes/projecten/<uuid:pk>/", views.project, name="project"),
    path(
        "maatjes/projecten/<uuid:pk>/vrijwilliger-aanmelden/",
        views.volunteer_register,
        name="volunteer_register",
    ),
    path("maatjes/vrijwilligers/<int:pk>/", views.volunteer, name="volunteer"),
    path("maatjes/wensen/<int:pk>/", views.wish, name="wish"),
    path("maatjes/wensen/<int:pk>/voorstellen/", views.propose, name="propose"),
    path("maatjes/koppelingen/<int:pk>/", views.match_detail, name="match"),
    path("maatjes/koppelingen/<int:pk>/antwoord/", views.match_answer, name="match_answer"),
    path(
        "maatjes/koppelingen/<int:pk>/hoe-gaat-het/<int:check_in_pk>/",
        views.check_in,
        name="check_in",
    ),
    path("maatjes/koppelingen/<int:pk>/beeindigen/", views.match_end, name="match_end"),
]
