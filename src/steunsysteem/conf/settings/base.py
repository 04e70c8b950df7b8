"""Settings shared by every environment."""

import hashlib
import hmac
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from steunsysteem.conf.env import BASE_DIR, env, env_bool, env_colour, env_list

PROJECT_ROOT = BASE_DIR.parents[1]
DATA_DIR = Path(env("DATA_DIR"))

SECRET_KEY = env("SECRET_KEY")
# The audit trail's hash chain is keyed with a secret that is not in the database
# (accounts.audit). dev and test derive one from SECRET_KEY; production requires it.
AUDIT_TRAIL_KEY = env("AUDIT_TRAIL_KEY")
AUDIT_TRAIL_UNKEYED_UNTIL = int(env("AUDIT_TRAIL_UNKEYED_UNTIL"))


def derive_key(secret_key: str, purpose: str) -> str:
    """A key for one purpose derived from SECRET_KEY: only where no own key is required."""
    return hmac.new(secret_key.encode(), purpose.encode(), hashlib.sha256).hexdigest()


DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "steunsysteem.core.apps.SteunsysteemAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_ratelimit",
    "post_office",
    "steunsysteem.core",
    "steunsysteem.accounts",
    "steunsysteem.directory",
    "steunsysteem.participants",
    "steunsysteem.networks",
    "steunsysteem.questions",
    "steunsysteem.notes",
    "steunsysteem.worktables",
    "steunsysteem.outbox",
    "steunsysteem.white_spots",
    "steunsysteem.referrals",
    "steunsysteem.surveys",
    "steunsysteem.matching",
    "steunsysteem.monitor",
    "steunsysteem.buddies",
    "steunsysteem.circles",
    "steunsysteem.outreach",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "steunsysteem.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Adds request.user.is_verified(): signed in with a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "steunsysteem.core.middleware.AbsoluteSessionTimeoutMiddleware",
    "steunsysteem.accounts.middleware.UserSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Sends someone who must use two-factor authentication to it before any other page.
    "steunsysteem.accounts.middleware.TwoFactorRequiredMiddleware",
    # Turns a rate-limited request into the calm "too many requests" page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Turns a locked-out log-in attempt into the lockout page; django-axes wants it last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "steunsysteem.urls"
WSGI_APPLICATION = "steunsysteem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "steunsysteem.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'steunsysteem.sqlite3'}",
        conn_max_age=60,
        # A connection kept between requests is checked before reuse: after a database
        # restart the next request opens a new one instead of failing (no manual action).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take SQLite's lock at BEGIN, so concurrent read-then-insert transactions (the
    # audit trail's hash chain) wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
# PostgreSQL: how long a migration waits for a table lock (core's ``migrate`` command).
MIGRATION_LOCK_TIMEOUT = int(env("MIGRATION_LOCK_TIMEOUT"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses every log-in attempt while an account is locked out, before checking a password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PROJECT_ROOT / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# NL Design System CSS and HTMX come from the npm registry (package.json); they are never
# copied into this repository.
NODE_MODULES = PROJECT_ROOT / "node_modules"
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / folder)
    for prefix, folder in [
        ("utrecht", "@utrecht/component-library-css/dist"),
        ("voorbeeld", "@nl-design-system-unstable/voorbeeld-design-tokens/dist"),
        ("htmx", "htmx.org/dist"),
        ("leaflet", "leaflet/dist"),
    ]
    if (NODE_MODULES / folder).exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # Attachments of queued mail (outbox), removed once the mail is sent.
    "outbox": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "outbox"},
    },
}

# Security headers and cookies (OWASP ASVS level 2). production.py adds HTTPS-only cookies and
# HSTS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # The NL Design System CSS draws a few icons as data: SVG images.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features this site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Idle timeout: every request pushes the session's end SESSION_COOKIE_AGE further.
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_MINUTES")) * 60
SESSION_SAVE_EVERY_REQUEST = True
# Absolute timeout, counted from signing in (core.middleware.AbsoluteSessionTimeoutMiddleware).
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=int(env("SESSION_ABSOLUTE_HOURS")))
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Log-in lockout (django-axes): a user name is locked for one client network after repeated
# failures. Axes' log lines carry neither the user name nor the address, and its table keeps
# a keyed hash of the user name and the /24 or /48 network only (core.login_lockout).
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]
AXES_HTTP_RESPONSE_CODE = 429
# Data minimisation: no record of successful log-ins, no separate failure log. A failed
# attempt (AccessAttempt) is removed at the next log-in attempt once it is older than
# AXES_COOLOFF_TIME; every failure is also in the audit trail, without the user name.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_USERNAME_CALLABLE = "steunsysteem.core.login_lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "steunsysteem.core.login_lockout.client_network_address"

# The client address behind reverse proxies (core.client_address), for axes, rate limits and
# the audit trail alike.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT"))
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER")

# Two-factor authentication (django-otp): a TOTP app, plus one-time backup codes. After each
# wrong code a device waits twice as long before it accepts the next one (1, 2, 4, ... s).
OTP_TOTP_ISSUER = env("SITE_NAME")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
BACKUP_CODE_COUNT = 10

INVITATION_VALID_DAYS = int(env("INVITATION_VALID_DAYS"))
REFERRAL_ANSWER_DAYS = int(env("REFERRAL_ANSWER_DAYS"))
REFERRAL_LINK_VALID_DAYS = int(env("REFERRAL_LINK_VALID_DAYS"))

# A cache every app process shares (the rate limits count in it): a table in the database,
# created by `migrate` (accounts/migrations) and by Django's test database set-up.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "steunsysteem_cache",
    }
}
# Rate limits per client address (django-ratelimit), as "count/period"; None: no limit.
RATE_LIMITS = {
    "login": env("RATE_LIMIT_LOGIN"),
    "password_reset": env("RATE_LIMIT_PASSWORD_RESET"),
    "search": env("RATE_LIMIT_SEARCH"),
    "network_map": env("RATE_LIMIT_NETWORK_MAP"),
    "outdated_report": env("RATE_LIMIT_OUTDATED_REPORT"),
}
RATELIMIT_VIEW = "steunsysteem.core.views.too_many_requests"
# django-ratelimit prefers memcached or Redis, whose increment is atomic. The database
# cache's is not: under heavy parallel load a few requests more than the limit may pass.
# That is acceptable for these limits (the lockout per account is axes', in the database).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Every mail goes into the outbox, a queue in the database (django-post-office); the command
# `steunsysteem send_outbox`, run every minute, delivers it through EMAIL_URL's server. When
# that server is down the mail stays queued and is tried again after MAIL_RETRY_MINUTES.
EMAIL_BACKEND = "steunsysteem.outbox.backends.OutboxBackend"
_delivery_backend = "django.core.mail.backends.console.EmailBackend"
if email_url := urlsplit(env("EMAIL_URL")):
    if email_url.scheme in {"smtp", "smtps"}:
        _delivery_backend = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_HOST = email_url.hostname or "localhost"
        EMAIL_PORT = email_url.port or (465 if email_url.scheme == "smtps" else 25)
        EMAIL_HOST_USER = unquote(email_url.username or "")
        EMAIL_HOST_PASSWORD = unquote(email_url.password or "")
        EMAIL_USE_SSL = email_url.scheme == "smtps"
        EMAIL_USE_TLS = email_url.port == 587
# Seconds to wait for the mail server before a delivery counts as failed (and is retried).
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
POST_OFFICE = {
    "BACKENDS": {"default": _delivery_backend},
    # Queued, never sent while the request waits: send_outbox delivers it.
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": int(env("MAIL_MAX_RETRIES")),
    "RETRY_INTERVAL": timedelta(minutes=int(env("MAIL_RETRY_MINUTES"))),
    # A database log line only for failed deliveries.
    "LOG_LEVEL": 1,
    "FILE_STORAGE": "outbox",
    # One lock per installation, not one shared by every site on the machine (/tmp).
    "LOCK_FILE_NAME": str(DATA_DIR / "outbox-send"),
    "THREADS_PER_PROCESS": 2,
}

SITE_NAME = env("SITE_NAME")
# The region's look: a logo in the header and two colours that become the design tokens'
# brand colours (core/static/core/tokens.css, overridden in base.html).
SITE_LOGO_URL = env("SITE_LOGO_URL")
SITE_COLOUR_PRIMARY = env_colour("SITE_COLOUR_PRIMARY")
SITE_COLOUR_ACCENT = env_colour("SITE_COLOUR_ACCENT")
# The sociale kaart's street map (Leaflet): tiles from this service, only on the map page
# allowed by the Content-Security-Policy (directory.views.public.map_view).
MAP_TILE_URL = env("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION")
MAP_TILE_MAX_ZOOM = int(env("MAP_TILE_MAX_ZOOM"))
SITE_URL = env("SITE_URL")
STALE_AFTER_DAYS = int(env("STALE_AFTER_DAYS"))
DIRECTORY_CHECKED_BY_EMAIL = env("DIRECTORY_CHECKED_BY_EMAIL")
HSDS_IMPORT_JSON_MAX_MB = int(env("HSDS_IMPORT_JSON_MAX_MB"))
# Over-large requests are refused with a clear message (core.views.bad_request, 413).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(float(env("REQUEST_MAX_MB")) * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(env("REQUEST_MAX_FIELDS"))
SIGNAL_THRESHOLD = int(env("SIGNAL_THRESHOLD"))
SIGNAL_WINDOW_DAYS = int(env("SIGNAL_WINDOW_DAYS"))
SIGNAL_OPEN_WAITING_WEEKS = int(env("SIGNAL_OPEN_WAITING_WEEKS"))
EMERGENCY_ACCESS_DURATION = timedelta(hours=int(env("EMERGENCY_ACCESS_HOURS")))
CONSENT_MAX_DAYS = int(env("CONSENT_MAX_DAYS"))
MONITOR_SMALL_CELL_THRESHOLD = int(env("MONITOR_SMALL_CELL_THRESHOLD"))
MONITOR_TARGET_GROUPS = env_list("MONITOR_TARGET_GROUPS")
MONITOR_TARGET_GROUP_PREVALENCE = Decimal(env("MONITOR_TARGET_GROUP_PREVALENCE"))
SURVEY_LINK_VALID_DAYS = int(env("SURVEY_LINK_VALID_DAYS"))
SURVEY_COLLABORATION_MONTH = int(env("SURVEY_COLLABORATION_MONTH"))
COVERAGE_MAX_DISTANCE_KM = float(env("COVERAGE_MAX_DISTANCE_KM"))
COVERAGE_MIN_DAYS_OPEN = int(env("COVERAGE_MIN_DAYS_OPEN"))
# Where to get help now, on every public page and above search results for words of crisis.
CRISIS_HELP = {
    "suicide_line_name": env("CRISIS_SUICIDE_LINE_NAME"),
    "suicide_line_phones": env_list("CRISIS_SUICIDE_LINE_PHONES"),
    "suicide_line_chat_url": env("CRISIS_SUICIDE_LINE_CHAT_URL"),
    "gp_post_phone": env("CRISIS_GP_POST_PHONE"),
    "emergency_phone": env("CRISIS_EMERGENCY_PHONE"),
    "listening_line_name": env("CRISIS_LISTENING_LINE_NAME"),
    "listening_line_phone": env("CRISIS_LISTENING_LINE_PHONE"),
    "listening_line_url": env("CRISIS_LISTENING_LINE_URL"),
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "steunsysteem.core.api.problem_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": env("RATE_LIMIT_API")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Steunsysteem API",
    "DESCRIPTION": "API van Steunsysteem. The Open Referral HSDS API lives at /api/hsds/.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "filters": {
        "no_personal_data": {"()": "steunsysteem.core.logging.NoPersonalDataFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["no_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        # Django's request logger puts the full request (with query string) in its records.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # The development server's own request lines hold the query string (a search for
        # "ik wil dood"): through the no_personal_data filter, which hides it.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Without a handler here, post_office adds its own plain one, which would bypass the
        # no_personal_data filter. Failures only: send_outbox reports its own counts.
        "post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
