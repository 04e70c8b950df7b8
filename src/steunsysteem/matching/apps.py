from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Matching: which offers of the sociale kaart fit a question, best first, and why."""

    name = "steunsysteem.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (keeps the embedding index in step with the kaart)
