from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorktablesConfig(AppConfig):
    """Werktafels: the monthly table per district where organisations answer questions together."""

    name = "steunsysteem.worktables"
    label = "worktables"
    verbose_name = _("Worktables (werktafels)")
