from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path(
        "deelnemers/<uuid:pk>/vragen/<int:question_pk>/verwijzen/",
        views.referral_create,
        name="create",
    ),
    path(
        "deelnemers/<uuid:pk>/vragen/<int:question_pk>/verwijzingen/<int:referral_pk>/afsluiten/",
        views.close_question,
        name="close_question",
    ),
    path(
        "deelnemers/<uuid:pk>/vragen/<int:question_pk>/verwijzingen/<int:referral_pk>/gaat-het-nog/",
        views.check_in,
        name="check_in",
    ),
    path("verwijzingen/", views.inbox, name="inbox"),
    path("verwijzingen/<int:pk>/", views.referral_detail, name="detail"),
    path("verwijzing/<str:token>/", views.referral_link, name="link"),
]
