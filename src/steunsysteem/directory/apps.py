from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """Sociale kaart: organisations, locations and services, aligned with Open Referral HSDS 3.0."""

    name = "steunsysteem.directory"
    label = "directory"
    verbose_name = _("Directory (sociale kaart)")
