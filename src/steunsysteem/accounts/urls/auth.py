"""Django's log-in, log-out and password pages, under Django's own URL names, with the
site's templates and forms, a rate limit per client address on log-in and reset, and a new
password recorded in the audit trail."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.cache import never_cache

from steunsysteem.core.rate_limits import rate_limited

from ..forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from ..views.account import PasswordChangeView, PasswordResetConfirmView

urlpatterns = [
    path(
        "login/",
        rate_limited("login", method="POST")(
            auth_views.LoginView.as_view(extra_context={"site_name": settings.SITE_NAME})
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password_change/",
        never_cache(
            PasswordChangeView.as_view(
                form_class=PasswordChangeForm, template_name="accounts/password_change_form.html"
            )
        ),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "password_reset/",
        rate_limited("password_reset", method="POST")(
            auth_views.PasswordResetView.as_view(
                form_class=PasswordResetForm,
                template_name="accounts/password_reset_form.html",
                email_template_name="accounts/password_reset_email.txt",
                subject_template_name="accounts/password_reset_subject.txt",
                extra_email_context={
                    "site_url": settings.SITE_URL.rstrip("/"),
                    "site_name": settings.SITE_NAME,
                },
            )
        ),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(
            form_class=SetPasswordForm, template_name="accounts/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
