from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalStatus(models.TextChoices):
    """Raised by the detection, sent to the municipality, then answered or dismissed."""

    RAISED = "raised", _("Raised")
    SENT = "sent", _("Sent to the municipality")
    ANSWERED = "answered", _("Answered by a new offer")
    DISMISSED = "dismissed", _("Dismissed")


# A signal is open while the coordinator or the municipality still has to act on it; there
# is at most one open signal per life domain and district.
OPEN_STATUSES = (SignalStatus.RAISED, SignalStatus.SENT)
# What the municipality (policy officers) sees: what was sent to it, and how it was answered.
SHARED_WITH_MUNICIPALITY = (SignalStatus.SENT, SignalStatus.ANSWERED)
# Counts below this are shown as "< 5" to policy officers, so nobody can be recognised.
SMALL_COUNT_LIMIT = 5
