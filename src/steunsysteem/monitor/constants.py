from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """The sector a covenant partner belongs to."""

    MENTAL_HEALTH = "ggz", _("Mental health care (ggz)")
    WELFARE = "welzijn", _("Welfare")
    HOUSING = "housing", _("Housing corporation")
    MUNICIPALITY = "municipality", _("Municipality")
    CLIENT_ORGANISATION = "client", _("Client or relatives organisation")
    EMPLOYMENT = "employment", _("Work and income")
    HEALTH_INSURER = "insurer", _("Health insurer")
    OTHER = "other", _("Other")


class CommitmentKind(models.TextChoices):
    """What a covenant partner puts in."""

    PEOPLE = "people", _("People")
    HOURS = "hours", _("Hours per week")
    LOCATIONS = "locations", _("Locations")
    MONEY = "money", _("Money (euro per year)")
    IN_KIND = "in_kind", _("In kind")


class MssRoleKind(models.TextChoices):
    """Functions in the MSS (names of functions, never participants)."""

    DIRECTOR = "regisseur", _("Regisseur")
    COORDINATOR = "coordinator", _("Coordinator")
    KWARTIERMAKER = "kwartiermaker", _("Kwartiermaker")
    PEER_EXPERT = "peer_expert", _("Ervaringsdeskundige")
    OTHER = "other", _("Other")


class Indicator(models.TextChoices):
    """The monitor figures a covenant target can be tied to."""

    QUESTIONS = "questions", _("Questions brought in")
    TARGET_GROUP_QUESTIONS = "target_group_questions", _("Questions of people in the target group")
    NEW_PARTICIPANTS = "new_participants", _("New participants")
    FIRST_PROPOSAL_WITHIN_6_WEEKS = (
        "first_proposal_6w",
        _("Per cent with a first proposal within 6 weeks"),
    )
    ACTIONS_ON_TIME = "actions_on_time", _("Per cent of actions done on time")
    REFERRALS_STARTED = "referrals_started", _("Referrals that started")
    SIGNALS_SENT = "signals_sent", _("Signals sent to the municipality")


# Indicators given as a percentage rather than a count.
PERCENT_INDICATORS = frozenset({Indicator.FIRST_PROPOSAL_WITHIN_6_WEEKS, Indicator.ACTIONS_ON_TIME})
