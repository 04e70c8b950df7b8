from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What belongs to no single domain: layout, health check, logging, demo loading."""

    name = "steunsysteem.core"
    label = "core"
    verbose_name = _("Core")


class SteunsysteemAdminConfig(admin_apps.AdminConfig):
    """The admin with our site class, which asks ``accounts.permissions`` who may enter."""

    default = False
    default_site = "steunsysteem.core.admin_site.SteunsysteemAdminSite"
