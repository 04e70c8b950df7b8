"""Routes of the HSDS API, exactly the paths of the official openapi.json (no trailing slash)."""

from django.urls import path, re_path

from steunsysteem.core.api import problem_not_found

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.ApiMetaView.as_view(), name="meta"),
    path("openapi.json", views.OpenApiView.as_view(), name="openapi"),
    path("services", views.ServiceListView.as_view(), name="service-list"),
    path("services/<str:pk>", views.ServiceDetailView.as_view(), name="service-detail"),
    path("organizations", views.OrganizationListView.as_view(), name="organization-list"),
    path(
        "organizations/<str:pk>",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path("taxonomies", views.TaxonomyListView.as_view(), name="taxonomy-list"),
    path("taxonomies/<str:pk>", views.TaxonomyDetailView.as_view(), name="taxonomy-detail"),
    path("taxonomy_terms", views.TaxonomyTermListView.as_view(), name="taxonomy-term-list"),
    path(
        "taxonomy_terms/<str:pk>",
        views.TaxonomyTermDetailView.as_view(),
        name="taxonomy-term-detail",
    ),
    path(
        "service_at_locations",
        views.ServiceAtLocationListView.as_view(),
        name="service-at-location-list",
    ),
    path(
        "service_at_locations/<str:pk>",
        views.ServiceAtLocationDetailView.as_view(),
        name="service-at-location-detail",
    ),
    # Any other path under the API, line breaks included ("." would stop at one).
    re_path(r"^[\s\S]*$", problem_not_found),
]
