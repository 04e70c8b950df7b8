from django.urls import path

from ..views import public

urlpatterns = [
    path("sociale-kaart/", public.search, name="search"),
    path("sociale-kaart/kaart/", public.map_view, name="map"),
    path("sociale-kaart/dienst/<uuid:pk>/", public.service_detail, name="service_detail"),
    path(
        "sociale-kaart/organisatie/<uuid:pk>/",
        public.organization_detail,
        name="organization_detail",
    ),
]
