from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactRoute(models.TextChoices):
    """How the participant wants to be reached."""

    VIA_PROFESSIONAL = "via_professional", _("Through my contact person")
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")
    LETTER = "letter", _("By letter")
    PORTAL = "portal", _("In my own account")


class Language(models.TextChoices):
    """Languages people in the region speak; the list is short on purpose."""

    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")
    TURKISH = "tr", _("Turkish")
    ARABIC = "ar", _("Arabic")
    TAMAZIGHT = "ber", _("Tamazight (Berber)")
    POLISH = "pl", _("Polish")
    TIGRINYA = "ti", _("Tigrinya")
    PAPIAMENTO = "pap", _("Papiamento")
