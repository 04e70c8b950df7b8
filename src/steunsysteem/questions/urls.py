from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("deelnemers/<uuid:pk>/vragen/", views.question_list, name="list"),
    path("deelnemers/<uuid:pk>/vragen/nieuw/", views.question_submit, name="submit"),
    path(
        "deelnemers/<uuid:pk>/vragen/<int:question_pk>/wijzigen/",
        views.question_change,
        name="change",
    ),
    path(
        "deelnemers/<uuid:pk>/vragen/<int:question_pk>/intrekken/",
        views.question_withdraw,
        name="withdraw",
    ),
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
