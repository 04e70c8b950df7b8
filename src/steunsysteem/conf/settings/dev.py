"""Settings for a laptop: SQLite in ./data, debug pages, e-mail on the console."""

from .base import *  # noqa: F403
from .base import DATA_DIR, derive_key, env

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
AUDIT_TRAIL_KEY = AUDIT_TRAIL_KEY or derive_key(SECRET_KEY, "audit-trail")  # noqa: F405
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
if not env("EMAIL_URL"):
    # Without a mail server, mail appears on the console at once, without send_outbox.
    POST_OFFICE = {**POST_OFFICE, "DEFAULT_PRIORITY": "now"}  # noqa: F405
