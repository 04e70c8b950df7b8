from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatus(models.TextChoices):
    """From new to answered; the werktafel moves a question along."""

    NEW = "new", _("New")
    ON_AGENDA = "on_agenda", _("On the agenda of the werktafel")
    DISCUSSED = "discussed", _("Discussed")
    PROPOSAL_MADE = "proposal_made", _("Proposal made")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED_NO_OFFER = "closed_no_offer", _("Closed: no fitting offer yet")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What each move means, in the words the werktafel's status form shows next to it.
MOVE_EXPLANATIONS: dict[str, str] = {
    QuestionStatus.ON_AGENDA: _("Back on the agenda: the table talks about it again next time."),
    QuestionStatus.DISCUSSED: _("The table talked about it; there is no proposal yet."),
    QuestionStatus.PROPOSAL_MADE: _(
        "The table made a proposal; the person sees it on their page and can answer."
    ),
    QuestionStatus.IN_PROGRESS: _("The proposal is being carried out: the actions are under way."),
    QuestionStatus.ANSWERED: _(
        "Done: the person takes part or found help. Choose below how. This cannot be undone."
    ),
    QuestionStatus.CLOSED_NO_OFFER: _(
        "Stops without a fitting offer. Choose the reason below; it counts towards a signal to"
        " the municipality. This cannot be undone."
    ),
    QuestionStatus.WITHDRAWN: _(
        "The person no longer wants help with this question. This cannot be undone."
    ),
}

# Which status may follow which. Answered, closed and withdrawn are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    QuestionStatus.NEW: frozenset(
        {QuestionStatus.ON_AGENDA, QuestionStatus.IN_PROGRESS, QuestionStatus.WITHDRAWN}
    ),
    QuestionStatus.ON_AGENDA: frozenset({QuestionStatus.DISCUSSED, QuestionStatus.WITHDRAWN}),
    # A follow-up is discussed again: the table may find it under way, or answered.
    QuestionStatus.DISCUSSED: frozenset(
        {
            QuestionStatus.PROPOSAL_MADE,
            QuestionStatus.IN_PROGRESS,
            QuestionStatus.ANSWERED,
            QuestionStatus.ON_AGENDA,
            QuestionStatus.CLOSED_NO_OFFER,
            QuestionStatus.WITHDRAWN,
        }
    ),
    QuestionStatus.PROPOSAL_MADE: frozenset(
        {QuestionStatus.IN_PROGRESS, QuestionStatus.ON_AGENDA, QuestionStatus.WITHDRAWN}
    ),
    QuestionStatus.IN_PROGRESS: frozenset(
        {
            QuestionStatus.ANSWERED,
            QuestionStatus.CLOSED_NO_OFFER,
            QuestionStatus.ON_AGENDA,
            QuestionStatus.WITHDRAWN,
        }
    ),
    QuestionStatus.ANSWERED: frozenset(),
    QuestionStatus.CLOSED_NO_OFFER: frozenset(),
    QuestionStatus.WITHDRAWN: frozenset(),
}
OPEN_STATUSES = frozenset(status for status, following in TRANSITIONS.items() if following)


# Until the werktafel discussed it, the person (or someone with consent) may still correct or
# withdraw the question.
CHANGEABLE_STATUSES = frozenset({QuestionStatus.NEW, QuestionStatus.ON_AGENDA})


class TableSharing(models.TextChoices):
    """Whether a question reaches the werktafel it names, and if not, why not."""

    SHARED = "shared", _("Goes to the werktafel")
    NO_TABLE = "no_table", _("No werktafel chosen")
    NO_CONSENT = "no_consent", _("No consent for the werktafel")
    CONSENT_WAITS = "consent_waits", _("The consent for the werktafel waits for a yes")


class Readiness(models.TextChoices):
    """Where someone is in their recovery: what step is feasible now."""

    ORIENTING = "orienting", _("Looking around: first get to know what there is")
    SMALL_STEP = "small_step", _("Ready for a small step, with someone going along")
    READY = "ready", _("Ready to start")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class Outcome(models.TextChoices):
    """How an answered question ended."""

    JOINED = "joined", _("Takes part in an activity")
    REFERRED = "referred", _("Referred with a warm hand-over")
    NETWORK = "network", _("Found support in the own network")
    OTHER = "other", _("Other")


class ClosedReason(models.TextChoices):
    """Why a question closed without an answer."""

    NO_OFFER = "no_offer", _("There is no fitting offer")
    NOT_FEASIBLE = "not_feasible", _("Not feasible yet; a step in between was advised")
    NO_LONGER_WANTED = "no_longer_wanted", _("The person no longer wants it")


# A question that ends here is closed: whoever brought it in is told.
CLOSED_STATUSES = frozenset(
    {QuestionStatus.ANSWERED, QuestionStatus.CLOSED_NO_OFFER, QuestionStatus.WITHDRAWN}
)


class ProposalChoice(models.TextChoices):
    """What the person thinks of the werktafel's proposal."""

    WANTS = "wants", _("I want this")
    RATHER_NOT = "rather_not", _("Rather not")
