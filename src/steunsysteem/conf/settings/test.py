"""Settings for the test suite (SQLite in memory, or DATABASE_URL for PostgreSQL)."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come straight from the finders (app folders and node_modules).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# The whole suite shares one client address and cache: no anonymous rate limit here.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}  # noqa: F405
# Nor the rate limits of log-in, password reset and search; tests that check them set them.
RATE_LIMITS = dict.fromkeys(RATE_LIMITS)  # noqa: F405
