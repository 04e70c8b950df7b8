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


class LadderStep(models.IntegerChoices):
    """The participatieladder: where someone takes part now."""

    ISOLATED = 1, _("1 Isolated")
    SOCIAL_CONTACTS = 2, _("2 Social contacts outside the home")
    ORGANISED_ACTIVITIES = 3, _("3 Organised activities")
    UNPAID_WORK = 4, _("4 Unpaid work")
    PAID_WORK_WITH_SUPPORT = 5, _("5 Paid work with support")
    PAID_WORK = 6, _("6 Paid work")


class SelfSufficiencyDomain(models.TextChoices):
    """The 13 life domains of the Zelfredzaamheid-Matrix (2017)."""

    FINANCES = "finances", _("Finances")
    WORK_AND_EDUCATION = "work_and_education", _("Work and education")
    TIME_USE = "time_use", _("Use of time")
    HOUSING = "housing", _("Housing")
    DOMESTIC_RELATIONS = "domestic_relations", _("Relations at home")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    SUBSTANCE_USE = "substance_use", _("Use of alcohol and drugs")
    BASIC_ADL = "basic_adl", _("Daily self-care")
    INSTRUMENTAL_ADL = "instrumental_adl", _("Running the household")
    SOCIAL_NETWORK = "social_network", _("Social network")
    SOCIAL_PARTICIPATION = "social_participation", _("Taking part in society")
    JUSTICE = "justice", _("Police and justice")


class SelfSufficiencyScore(models.IntegerChoices):
    ACUTE = 1, _("1 Acute problems")
    NOT_SELF_SUFFICIENT = 2, _("2 Not self-sufficient")
    BARELY = 3, _("3 Barely self-sufficient")
    ADEQUATE = 4, _("4 Adequately self-sufficient")
    COMPLETELY = 5, _("5 Completely self-sufficient")


class RightsRequestKind(models.TextChoices):
    """What the person asked someone else to do for them (AVG art. 15/20 and 17)."""

    DOWNLOAD = "download", _("A copy of the data")
    ERASURE = "erasure", _("Erase all data")


class RequestChannel(models.TextChoices):
    """How the person made their request."""

    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    LETTER = "letter", _("By letter or on a form")
    EMAIL = "email", _("By e-mail")


class RightsRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CARRIED_OUT = "carried_out", _("Carried out")
    DECLINED = "declined", _("Not carried out")
    STOPPED = "stopped", _("Stopped by the person")


class DeclineReason(models.TextChoices):
    """Why a request to erase was not carried out. Choices, never free text about a person."""

    NO_LONGER_WANTED = "no_longer_wanted", _("The person no longer wants it")
    NOT_CONFIRMED = "not_confirmed", _("We could not make sure the request came from the person")
    MISTAKE = "mistake", _("Recorded by mistake")


class AgeBand(models.TextChoices):
    """An age band for the monitor's target-group count: never a birth date."""

    UNDER_27 = "under_27", _("Younger than 27")
    FROM_27_TO_44 = "27_44", _("27 to 44")
    FROM_45_TO_66 = "45_66", _("45 to 66")
    FROM_67 = "67_plus", _("67 or older")
