import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Relation(models.TextChoices):
    FAMILY = "family", _("Family")
    PARTNER = "partner", _("Partner")
    FRIEND = "friend", _("Friend")
    NEIGHBOUR = "neighbour", _("Neighbour")
    PEER = "peer", _("Peer (lotgenoot)")
    VOLUNTEER = "volunteer", _("Volunteer or buddy")
    PROFESSIONAL = "professional", _("Professional")
    OTHER = "other", _("Other")


class Circle(models.TextChoices):
    """How close someone is, as the participant feels it."""

    INNER = "inner", _("Very close")
    MIDDLE = "middle", pgettext_lazy("how close someone is", "Close")
    OUTER = "outer", _("Further away")


class SupportKind(models.TextChoices):
    """Kinds of support, both received and given back."""

    PRACTICAL = "practical", _("Practical help")
    EMOTIONAL = "emotional", _("Emotional support")
    COMPANY = "company", _("Company")
    INFORMATION = "information", _("Information and advice")
    CARE = "care", _("Care")


class ContactFrequency(models.TextChoices):
    DAILY = "daily", _("(Almost) every day")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")
    YEARLY = "yearly", _("A few times a year")
    RARELY = "rarely", _("Hardly ever")


class SnapshotOccasion(models.TextChoices):
    INTAKE = "intake", _("Intake")
    HALF_YEAR = "half_year", _("Half-yearly conversation")
    OTHER = "other", _("Other moment")


LINK_VALID_FOR = dt.timedelta(days=14)
"""How long the account holder can confirm a link to a network member."""
