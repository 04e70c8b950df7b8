from django.urls import path

from ..views import coverage, public, support_point

urlpatterns = [
    path("sociale-kaart/", public.search, name="search"),
    path("sociale-kaart/kaart/", public.map_view, name="map"),
    path("steunpunten/dekking/", coverage.coverage_view, name="coverage"),
    path("steunpunten/markeren/", support_point.support_point_choose, name="support_point_choose"),
    path(
        "steunpunten/locatie/<uuid:pk>/",
        support_point.support_point_edit,
        name="support_point_edit",
    ),
    path(
        "steunpunten/locatie/<uuid:pk>/niet-meer/",
        support_point.support_point_unmark,
        name="support_point_unmark",
    ),
    path("sociale-kaart/dienst/<uuid:pk>/", public.service_detail, name="service_detail"),
    path(
        "sociale-kaart/dienst/<uuid:pk>/agenda.ics",
        public.service_calendar,
        name="service_calendar",
    ),
    path("sociale-kaart/dienst/<uuid:pk>/folder/", public.service_handout, name="service_handout"),
    path(
        "sociale-kaart/dienst/<uuid:pk>/folder.pdf",
        public.service_handout_pdf,
        name="service_handout_pdf",
    ),
    path(
        "sociale-kaart/organisatie/<uuid:pk>/",
        public.organization_detail,
        name="organization_detail",
    ),
]
