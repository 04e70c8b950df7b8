"""Settings for production: PostgreSQL, secure cookies, HTTPS."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
if len(AUDIT_TRAIL_KEY) < 32:  # noqa: F405
    raise ImproperlyConfigured(
        "Set the AUDIT_TRAIL_KEY environment variable (at least 32 characters): the audit"
        " trail's hash chain is keyed with it."
    )

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_PRELOAD = True
LANGUAGE_COOKIE_SECURE = True
# Static files get a content hash in their names (site.3f2a1c9b8d7e.css): the proxy, a CDN
# and browsers may keep them for a year, and an upgrade's new CSS reaches everyone at once.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
