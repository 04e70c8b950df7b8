from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    """Monitor en convenant: what the MSS achieves (aggregates only, small counts suppressed)
    and the governance register (covenant partners, their contributions, roles, stuurgroep,
    targets)."""

    name = "steunsysteem.monitor"
    label = "monitor"
    verbose_name = _("Monitor and covenant")
