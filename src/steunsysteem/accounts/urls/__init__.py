"""URLs of accounts: two-factor authentication, "Mijn account", invitations (namespace
``accounts``). Django's own log-in and password pages are in ``accounts.urls.auth``."""

from django.urls import path

from ..views import account, invitations, two_factor

app_name = "accounts"
urlpatterns = [
    path("tweestapsverificatie/", two_factor.verify, name="two_factor_verify"),
    path("tweestapsverificatie/instellen/", two_factor.setup, name="two_factor_setup"),
    path(
        "tweestapsverificatie/reservecodes/",
        two_factor.backup_codes,
        name="two_factor_backup_codes",
    ),
    path("mijn-account/", account.account, name="account"),
    path("mijn-account/sessies/<int:pk>/beeindigen/", account.session_end, name="session_end"),
    path(
        "mijn-account/sessies/andere-beeindigen/",
        account.sessions_end_others,
        name="sessions_end_others",
    ),
    path("uitnodigen/", invitations.invitation_create, name="invitation_create"),
    path("uitnodigingen/", invitations.invitation_list, name="invitation_list"),
    path(
        "uitnodigingen/<int:pk>/intrekken/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path("uitnodiging/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
