from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What belongs to no single domain: layout, health check, logging, demo loading."""

    name = "steunsysteem.core"
    label = "core"
    verbose_name = _("Core")
