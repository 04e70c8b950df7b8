from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    """Where a warm hand-over stands; the receiving organisation moves it along."""

    PROPOSED = "proposed", _("Proposed to the organisation")
    ACCEPTED = "accepted", _("Accepted by the organisation")
    INTRODUCTION_PLANNED = "introduction_planned", _("Introduction planned")
    STARTED = "started", _("Started")
    ENDED = "ended", _("Ended")
    DECLINED = "declined", _("Declined by the organisation")


# Which status may follow which: the one place that says so. Ended and declined are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralStatus.PROPOSED: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED}),
    ReferralStatus.ACCEPTED: frozenset(
        {ReferralStatus.INTRODUCTION_PLANNED, ReferralStatus.STARTED, ReferralStatus.DECLINED}
    ),
    ReferralStatus.INTRODUCTION_PLANNED: frozenset(
        {ReferralStatus.INTRODUCTION_PLANNED, ReferralStatus.STARTED, ReferralStatus.ENDED}
    ),
    ReferralStatus.STARTED: frozenset({ReferralStatus.ENDED}),
    ReferralStatus.ENDED: frozenset(),
    ReferralStatus.DECLINED: frozenset(),
}
OPEN_STATUSES = frozenset(status for status, following in TRANSITIONS.items() if following)


class Companion(models.TextChoices):
    """Who goes along the first time ("we gaan fysiek mee"): a role, never a name."""

    REFERRER = "referrer", _("The professional who referred")
    COLLEAGUE = "colleague", _("A colleague of the referring organisation")
    PEER_WORKER = "peer_worker", _("An ervaringsdeskundige (peer worker)")
    VOLUNTEER = "volunteer", _("A volunteer (maatje)")
    RECEIVING = "receiving", _("Someone of the receiving organisation picks the person up")
    NETWORK = "network", _("Someone from the person's own network")
    NOBODY = "nobody", _("Nobody: the person goes alone")


class EndOutcome(models.TextChoices):
    """How a referral ended."""

    COMPLETED = "completed", _("Rounded off as planned")
    MOVED_ON = "moved_on", _("Moved on to something else")
    STOPPED = "stopped", _("The person stopped")
    NOT_A_FIT = "not_a_fit", _("It did not fit")
    DID_NOT_START = "did_not_start", _("The person did not start")


class DeclineReason(models.TextChoices):
    """Why the receiving organisation declined."""

    NO_PLACE = "no_place", _("No place available")
    NOT_FOR_TARGET_GROUP = "not_for_target_group", _("Not for this person (age, target group)")
    INDICATION_NEEDED = "indication_needed", _("An indicatie is needed first")
    NOT_REACHABLE = "not_reachable", _("Could not reach the person")
    OTHER = "other", _("Another reason")


class CheckInAnswer(models.TextChoices):
    """ "Gaat het nog?": does the person go on (continueren)?"""

    YES = "yes", _("Yes, it is going well")
    NO = "no", _("No, not any more")


# How a status change arrived: through an account, or the single-use link in the mail.
VIA_ACCOUNT = "account"
VIA_LINK = "link"
