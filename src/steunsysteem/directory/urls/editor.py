from django.urls import path

from steunsysteem.core.rate_limits import rate_limited

from ..views import editor

urlpatterns = [
    path("mijn-aanbod/", editor.dashboard, name="editor_dashboard"),
    path("mijn-aanbod/deze-week/", editor.week, name="editor_week"),
    path(
        "mijn-aanbod/organisatie/<uuid:organization_pk>/nieuw/",
        editor.service_create,
        name="editor_service_create",
    ),
    path("mijn-aanbod/dienst/<uuid:pk>/", editor.service_detail, name="editor_service"),
    path("mijn-aanbod/dienst/<uuid:pk>/wijzigen/", editor.service_edit, name="editor_service_edit"),
    path(
        "mijn-aanbod/dienst/<uuid:pk>/klopt-nog/",
        editor.service_confirm,
        name="editor_service_confirm",
    ),
    path("mijn-aanbod/melding/<int:pk>/afgehandeld/", editor.report_handle, name="report_handle"),
    path("te-beoordelen/", editor.review_queue, name="review_queue"),
    path("te-beoordelen/<int:pk>/", editor.review_detail, name="review_detail"),
    path(
        "sociale-kaart/dienst/<uuid:pk>/verouderd/",
        rate_limited("outdated_report", method="POST")(editor.report_outdated),
        name="report_outdated",
    ),
    path(
        "sociale-kaart/dienst/<uuid:pk>/verouderd/bedankt/",
        editor.report_outdated_thanks,
        name="report_outdated_thanks",
    ),
]
