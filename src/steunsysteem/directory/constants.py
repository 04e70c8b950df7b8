from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("Physical")
    POSTAL = "postal", _("Postal")
    VIRTUAL = "virtual", _("Virtual")


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")


class Weekday(models.TextChoices):
    MONDAY = "MO", _("Monday")
    TUESDAY = "TU", _("Tuesday")
    WEDNESDAY = "WE", _("Wednesday")
    THURSDAY = "TH", _("Thursday")
    FRIDAY = "FR", _("Friday")
    SATURDAY = "SA", _("Saturday")
    SUNDAY = "SU", _("Sunday")


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ChangeRequestKind(models.TextChoices):
    CREATE = "create", _("New entry")
    UPDATE = "update", _("Change")


class OutdatedReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HANDLED = "handled", _("Handled")


# Our own HSDS taxonomies (Open Referral lets a publisher ship its own vocabularies).
# The ids are fixed so that exports from every Steunsysteem installation agree.
TAXONOMY_LIFE_DOMAIN = "6f1d2c1e-8a52-4f0e-9d3b-1a0d5e2c7a01"
TAXONOMY_PARTICIPATION_GOAL = "6f1d2c1e-8a52-4f0e-9d3b-1a0d5e2c7a02"
TAXONOMY_ACCESS = "6f1d2c1e-8a52-4f0e-9d3b-1a0d5e2c7a03"
TAXONOMY_DISTRICT = "6f1d2c1e-8a52-4f0e-9d3b-1a0d5e2c7a04"
TAXONOMY_SUPPORT_POINT = "6f1d2c1e-8a52-4f0e-9d3b-1a0d5e2c7a05"


class LifeDomain(models.TextChoices):
    MEETING = "meeting", _("Meeting people")
    DAYTIME_ACTIVITY = "daytime_activity", _("Daytime activities")
    VOLUNTEERING = "volunteering", _("Volunteer work")
    WORK = "work", _("Work")
    EDUCATION = "education", _("Learning and courses")
    HOUSING = "housing", _("Housing")
    MONEY = "money", _("Money and paperwork")
    SPORT = "sport", _("Sport and exercise")
    CULTURE = "culture", _("Culture and creativity")
    MEANING = "meaning", _("Meaning and faith")
    RELATIONSHIPS = "relationships", _("Relationships and family")
    HEALTH = "health", _("Health and recovery")


class ParticipationGoal(models.TextChoices):
    """The six goals of Movisie's participatiewiel."""

    INDEPENDENCE = "independence", _("Managing on your own")
    SOCIAL_CONTACTS = "social_contacts", _("Social contacts")
    TAKING_PART = "taking_part", _("Taking part in society")
    CONTRIBUTING = "contributing", _("Contributing to society")
    SKILLS = "skills", _("Learning skills")
    PAID_WORK = "paid_work", _("Paid work")


class AccessFeature(models.TextChoices):
    # An activity you can walk into without an appointment. A laagdrempelig *steunpunt* is a
    # place with more to it (``SupportPoint``), not this attribute.
    LOW_THRESHOLD = "low_threshold", _("Low-threshold: walk in without an appointment")
    GGZ_FRIENDLY = "ggz_friendly", _("Suitable for people with a mental health background")
    PEER_RUN = "peer_run", _("Run by peers (experts by experience)")
    NO_REFERRAL = "no_referral", _("No referral or indication needed")
    WHEELCHAIR = "wheelchair", _("Wheelchair accessible")
