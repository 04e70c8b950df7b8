from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Persoonlijk steunsysteem: the people and organisations around one participant."""

    name = "steunsysteem.networks"
    label = "networks"
    verbose_name = _("Personal networks (persoonlijk steunsysteem)")
