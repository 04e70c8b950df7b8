from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("peiling/<str:token>/", views.survey_answer, name="answer"),
    path("peilingen/", views.survey_results, name="results"),
]
