from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from steunsysteem.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/", include("steunsysteem.accounts.urls.auth")),
    path("accounts/", include("steunsysteem.accounts.urls")),
    path("api/hsds/", include("steunsysteem.directory.api.hsds.urls")),
    path("api/v1/", include("steunsysteem.directory.api.v1.urls")),
    path("", include("steunsysteem.core.urls")),
    path("", include("steunsysteem.directory.urls")),
    path("", include("steunsysteem.participants.urls")),
    path("", include("steunsysteem.networks.urls")),
    path("", include("steunsysteem.questions.urls")),
    path("", include("steunsysteem.notes.urls")),
    path("", include("steunsysteem.worktables.urls")),
    path("", include("steunsysteem.white_spots.urls")),
    path("", include("steunsysteem.referrals.urls")),
    path("", include("steunsysteem.monitor.urls")),
    path("", include("steunsysteem.buddies.urls")),
    path("", include("steunsysteem.circles.urls")),
    path("", include("steunsysteem.outreach.urls")),
    path("", include("steunsysteem.surveys.urls")),
]

handler400 = "steunsysteem.core.views.bad_request"
handler403 = "steunsysteem.core.views.permission_denied"
