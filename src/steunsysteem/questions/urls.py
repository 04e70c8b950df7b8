from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("deelnemers/<uuid:pk>/vragen/", views.question_list, name="list"),
    path("deelnemers/<uuid:pk>/vragen/nieuw/", views.question_submit, name="submit"),
]
urlpatterns += [
    path("deelnemers/<uuid:pk>/vragen/<int:question_pk>/", views.question_detail, name="detail"),
    path(
        "deelnemers/<uuid:pk>/vragen/<int:question_pk>/antwoord/",
        views.proposal_answer,
        name="answer",
    ),
    path(
        "deelnemers/<uuid:pk>/vragen/<int:question_pk>/nieuwsmail/",
        views.news_mail,
        name="news_mail",
    ),
]
