from django.urls import path

from ..views import coverage, public

urlpatterns = [
    path("sociale-kaart/", public.search, name="search"),
    path("sociale-kaart/kaart/", public.map_view, name="map"),
    path("steunpunten/dekking/", coverage.coverage_view, name="coverage"),
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
