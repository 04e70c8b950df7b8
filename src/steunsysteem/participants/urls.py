from django.urls import path

from .views import my_page, progress, rights, rights_requests
from .views import records as views

app_name = "participants"
urlpatterns = [
    path("deelnemers/", views.participant_list, name="list"),
    path("deelnemers/nieuw/", views.participant_register, name="register"),
    path("deelnemers/<uuid:pk>/", views.participant_detail, name="detail"),
    path("deelnemers/<uuid:pk>/gegevens/", views.details_edit, name="details_edit"),
    path("deelnemers/<uuid:pk>/toestemming/", views.consent_list, name="consent"),
    path("deelnemers/<uuid:pk>/toestemming/nieuw/", views.consent_create, name="consent_create"),
    path(
        "deelnemers/<uuid:pk>/toestemming/<int:grant_pk>/intrekken/",
        views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path(
        "deelnemers/<uuid:pk>/toestemming/<int:grant_pk>/bevestigen/",
        views.consent_confirm_view,
        name="consent_confirm",
    ),
    path(
        "deelnemers/<uuid:pk>/toestemming/<int:grant_pk>/afwijzen/",
        views.consent_decline_view,
        name="consent_decline",
    ),
    path(
        "deelnemers/<uuid:pk>/eigen-account/",
        views.own_account_invite,
        name="own_account_invite",
    ),
    path("deelnemers/<uuid:pk>/wie-keek/", views.access_log, name="access_log"),
    path("deelnemers/<uuid:pk>/noodtoegang/", views.emergency_access, name="emergency_access"),
    path("deelnemers/<uuid:pk>/voortgang/", progress.progress, name="progress"),
    path("deelnemers/<uuid:pk>/voortgang/doelen/", progress.goals_set, name="goals_set"),
    path("deelnemers/<uuid:pk>/voortgang/ladder/", progress.ladder_record, name="ladder_record"),
    path("deelnemers/<uuid:pk>/voortgang/zrm/", progress.scores_record, name="scores_record"),
    path("deelnemers/<uuid:pk>/mijn-rechten/", rights.my_data, name="my_data"),
    path("deelnemers/<uuid:pk>/mijn-gegevens.json", rights.export_json, name="export_json"),
    path("deelnemers/<uuid:pk>/mijn-gegevens.pdf", rights.export_pdf, name="export_pdf"),
    path("deelnemers/<uuid:pk>/wissen/", rights.erase, name="erase"),
    path("deelnemers/gewist/", rights.erased, name="erased"),
    path(
        "deelnemers/<uuid:pk>/rechten/verzoek/",
        rights_requests.rights_request_record,
        name="rights_request_record",
    ),
    path(
        "deelnemers/<uuid:pk>/rechten/verzoek/<int:request_pk>/",
        rights_requests.rights_request_detail,
        name="rights_request",
    ),
    path(
        "deelnemers/<uuid:pk>/rechten/verzoek/<int:request_pk>/kopie.json",
        rights_requests.rights_request_export_json,
        name="rights_request_export_json",
    ),
    path(
        "deelnemers/<uuid:pk>/rechten/verzoek/<int:request_pk>/kopie.pdf",
        rights_requests.rights_request_export_pdf,
        name="rights_request_export_pdf",
    ),
    path(
        "deelnemers/<uuid:pk>/rechten/verzoek/<int:request_pk>/goedkeuren/",
        rights_requests.rights_request_approve,
        name="rights_request_approve",
    ),
    path(
        "deelnemers/<uuid:pk>/rechten/verzoek/<int:request_pk>/niet-uitvoeren/",
        rights_requests.rights_request_decline,
        name="rights_request_decline",
    ),
    path(
        "deelnemers/<uuid:pk>/rechten/verzoek/<int:request_pk>/stoppen/",
        rights_requests.rights_request_stop,
        name="rights_request_stop",
    ),
    path("mijn-gegevens/", views.my_record, name="my_record"),
    path("mijn-pagina/", my_page.my_page, name="my_page"),
]
