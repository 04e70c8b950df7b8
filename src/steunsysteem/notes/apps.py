from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotesConfig(AppConfig):
    """Gespreksnotities voor vraagverheldering: what was asked in a conversation, and the
    question behind the question. Written by the person or a professional with consent for
    notes; the person reads every note about them."""

    name = "steunsysteem.notes"
    label = "notes"
    verbose_name = _("Notes of conversations")
