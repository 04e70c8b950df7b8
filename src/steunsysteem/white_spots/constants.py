from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalStatus(models.TextChoices):
    """Raised, sent to the municipality, answered by it, then filled by a new offer or
    dismissed."""

    RAISED = "raised", _("Raised")
    SENT = "sent", _("Sent to the municipality")
    RESPONDED = "responded", _("Answered by the municipality")
    ANSWERED = "answered", _("Answered by a new offer")
    DISMISSED = "dismissed", _("Dismissed")


class SignalSource(models.TextChoices):
    """Where a signal comes from: the questions at the werktafels (found by the detection),
    or something a coordinator heard elsewhere and raised by hand."""

    QUESTIONS = "questions", _("Questions at the werktafels")
    CONSULTATION = "consultation", _("A consultation or meeting with residents")
    SUPPORT_POINT = "support_point", _("A steunpunt")
    CLIENT_COUNCIL = "client_council", _("A client council")
    OTHER = "other", _("Something else")


# A signal is open while the coordinator or the municipality still has to act on it: after
# the municipality's answer the coordinator still marks the new offer or dismisses it. There
# is at most one open signal from the questions per life domain and district.
OPEN_STATUSES = (SignalStatus.RAISED, SignalStatus.SENT, SignalStatus.RESPONDED)
# What the municipality (policy officers) sees: what was sent to it, and how it was answered.
SHARED_WITH_MUNICIPALITY = (SignalStatus.SENT, SignalStatus.RESPONDED, SignalStatus.ANSWERED)
# What a policy officer may answer (and correct their answer to).
AWAITS_MUNICIPALITY = (SignalStatus.SENT, SignalStatus.RESPONDED)
# Counts below this are shown as "< 5" to policy officers, so nobody can be recognised.
SMALL_COUNT_LIMIT = 5
