"""Settings for the test suite (SQLite in memory, or DATABASE_URL for PostgreSQL)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import derive_key

_TEST_OUTBOX_DIR = Path(tempfile.gettempdir()) / "steunsysteem-test-outbox"
_TEST_OUTBOX_DIR.mkdir(exist_ok=True)

SECRET_KEY = "test-only-not-secret"
AUDIT_TRAIL_KEY = derive_key(SECRET_KEY, "audit-trail")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test set-up sends mail straight to its locmem backend (django.core.mail.outbox).
# outbox/tests put the queue back and deliver through a real SMTP server on loopback; mail
# that is queued anyway goes out at once to locmem.
POST_OFFICE = {
    **POST_OFFICE,  # noqa: F405
    "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    "DEFAULT_PRIORITY": "now",
    "LOCK_FILE_NAME": str(_TEST_OUTBOX_DIR / "send"),
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "outbox": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": _TEST_OUTBOX_DIR / "attachments"},
    },
}
# Static files come straight from the finders (app folders and node_modules).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# The whole suite shares one client address and cache: no anonymous rate limit here.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}  # noqa: F405
# Nor the rate limits of log-in, password reset and search; tests that check them set them.
RATE_LIMITS = dict.fromkeys(RATE_LIMITS)  # noqa: F405
# Tests run offline: the street map's tiles are one local test tile, served by the test server.
STATICFILES_DIRS = [
    *STATICFILES_DIRS,  # noqa: F405
    ("test-tiles", BASE_DIR / "directory" / "tests" / "tiles"),  # noqa: F405
]
MAP_TILE_URL = "/static/test-tiles/tile.png?z={z}&x={x}&y={y}"
MAP_TILE_ATTRIBUTION = "Testkaart"
