"""Settings shared by every environment."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from steunsysteem.conf.env import BASE_DIR, env, env_bool, env_list

PROJECT_ROOT = BASE_DIR.parents[1]
DATA_DIR = Path(env("DATA_DIR"))

SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "steunsysteem.core",
    "steunsysteem.accounts",
    "steunsysteem.directory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
    )
}
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
LOGIN_URL = "login"
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
    ]
    if (NODE_MODULES / folder).exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if email_url := urlsplit(env("EMAIL_URL")):
    if email_url.scheme in {"smtp", "smtps"}:
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_HOST = email_url.hostname or "localhost"
        EMAIL_PORT = email_url.port or (465 if email_url.scheme == "smtps" else 25)
        EMAIL_HOST_USER = unquote(email_url.username or "")
        EMAIL_HOST_PASSWORD = unquote(email_url.password or "")
        EMAIL_USE_SSL = email_url.scheme == "smtps"
        EMAIL_USE_TLS = email_url.port == 587
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

SITE_NAME = env("SITE_NAME")
SITE_URL = env("SITE_URL")
STALE_AFTER_DAYS = int(env("STALE_AFTER_DAYS"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "steunsysteem.core.api.problem_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute"},
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
    },
}
