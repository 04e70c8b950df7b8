"""Routes of Steunsysteem's own API, /api/v1/, and its OpenAPI document.

No documentation viewer is served: Redoc and Swagger UI load their scripts from a CDN.
The document itself is at /api/v1/schema/ and committed as docs/api/openapi-v1.yaml.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from steunsysteem.core.api import problem_not_found
from steunsysteem.matching.api import MatchView

from . import views

app_name = "api-v1"

router = SimpleRouter()
router.register("services", views.ServiceViewSet, basename="service")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("districts", views.DistrictViewSet, basename="district")

urlpatterns = [
    *router.urls,
    path("match/", MatchView.as_view(), name="match"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Any other path under the API, line breaks included ("." would stop at one).
    re_path(r"^[\s\S]*$", problem_not_found),
]
