from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import (
    KINDS_WITHOUT_A_QUESTION,
    QUESTION_KINDS,
    AgendaItemKind,
    InvitationKind,
    MeetingStatus,
    WorktableRole,
)
from .query import ActionQuerySet, AgendaItemQuerySet, MeetingQuerySet, WorktableQuerySet


class Worktable(models.Model):
    """A werktafel for one district (or theme). Participants can consent to a werktafel, so
    that its members may see what the participant shared for the table's work."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    theme = models.CharField(
        _("theme"), max_length=120, blank=True, help_text=_("For a table about one theme.")
    )
    rhythm_weeks = models.PositiveSmallIntegerField(
        _("meets every (weeks)"), default=4, help_text=_("E.g. 4 for about once a month.")
    )
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="worktables",
    )
    contact_email = models.EmailField(
        _("contact e-mail address"),
        blank=True,
        help_text=_(
            "Shown on the public page about the werktafels. A role address of the table, "
            "never someone's personal log-in."
        ),
    )
    contact_phone = models.CharField(
        _("contact telephone number"),
        max_length=32,
        blank=True,
        help_text=_("Shown on the public page about the werktafels."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="WorktableMembership",
        related_name="worktables",
        verbose_name=_("members"),
        blank=True,
    )

    objects = WorktableQuerySet.as_manager()

    class Meta:
        verbose_name = _("worktable")
        verbose_name_plural = _("worktables")

    def __str__(self) -> str:
        return self.name


class WorktableMembership(models.Model):
    worktable = models.ForeignKey(Worktable, on_delete=models.CASCADE, verbose_name=_("worktable"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    role = models.CharField(
        _("role at the table"),
        max_length=16,
        choices=WorktableRole.choices,
        default=WorktableRole.CORE,
    )

    class Meta:
        verbose_name = _("worktable membership")
        verbose_name_plural = _("worktable memberships")
        constraints = [
            models.UniqueConstraint(fields=["worktable", "user"], name="unique_worktable_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.worktable}"


class MailingListEntry(models.Model):
    """Someone who receives the minutes without attending (a work address)."""

    worktable = models.ForeignKey(
        Worktable,
        on_delete=models.CASCADE,
        related_name="mailing_list",
        verbose_name=_("worktable"),
    )
    email = models.EmailField(_("e-mail address"))

    class Meta:
        verbose_name = _("mailing list address")
        verbose_name_plural = _("mailing list addresses")
        constraints = [
            models.UniqueConstraint(fields=["worktable", "email"], name="unique_mailing_address")
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.worktable})"


class Meeting(models.Model):
    """One meeting of a werktafel, with its agenda of questions."""

    worktable = models.ForeignKey(
        Worktable, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("worktable")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                name="meeting_ends_after_start",
                condition=models.Q(ends_at__gt=models.F("starts_at")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.worktable} {self.starts_at:%Y-%m-%d}"


class AgendaItem(models.Model):
    """An item on a meeting's agenda: a participant's question, with the concrete proposal
    the table made; or a theme or a case about no registered person, with a short title (it
    goes into the minutes) and a description for the members of the table only."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting")
    )
    question = models.ForeignKey(
        "questions.Question",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("question"),
        help_text=_("Empty for a theme or a case without a participant."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AgendaItemKind.choices)
    title = models.CharField(
        _("title"),
        max_length=120,
        blank=True,
        help_text=_("Of a theme or a case without a participant. It goes into the minutes."),
    )
    description = models.TextField(
        _("description"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Of a theme or a case without a participant, for the members of the table only:"
            " never in the minutes or a mail. No details that identify someone."
        ),
    )
    life_domains = models.JSONField(
        _("life domains"),
        default=list,
        blank=True,
        help_text=_("Of a theme or a case; a question has its own."),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    suggested_organization_ids = models.JSONField(
        _("suggested organisations"),
        default=list,
        blank=True,
        help_text=_("Who should be at the table for this question, from the sociale kaart."),
    )
    proposal = models.TextField(
        _("concrete proposal"),
        max_length=2000,
        blank=True,
        help_text=_("What the table proposes. Stays out of the minutes."),
    )
    discussed_at = models.DateTimeField(_("discussed at"), null=True, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "question"], name="question_once_per_meeting"
            ),
            # A question's item has no title or description of its own; a theme or a case
            # names no question and has a title.
            models.CheckConstraint(
                name="agenda_item_kind_matches_question",
                condition=models.Q(
                    kind__in=QUESTION_KINDS, question__isnull=False, title="", description=""
                )
                | (
                    models.Q(kind__in=KINDS_WITHOUT_A_QUESTION, question__isnull=True)
                    & ~models.Q(title="")
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.position}"

    @property
    def is_a_question(self) -> bool:
        return self.kind in QUESTION_KINDS

    @property
    def heading(self) -> str:
        """How pages, the minutes and "Mijn acties" name the item: a question by its case
        number (never the person), a theme or a case by its kind and title."""
        if self.question_id is not None:
            return _("Question %(number)s") % {"number": self.question.case_number}
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def life_domain_labels(self) -> list[str]:
        if self.question_id is not None:
            return self.question.life_domain_labels
        from steunsysteem.directory.constants import LifeDomain

        return [
            str(LifeDomain(code).label) for code in self.life_domains if code in LifeDomain.values
        ]


def keep_question_actions(collector, field, sub_objs, using):
    """When an agenda item goes (off the agenda, or with its meeting): an action for a
    question stays with the question, without the item; an action for a theme or a case
    belonged to that item only and goes with it."""
    models.SET_NULL(collector, field, sub_objs.filter(question__isnull=False), using)
    models.CASCADE(collector, field, sub_objs.filter(question__isnull=True), using)


class Action(models.Model):
    """Who does what by when, agreed at the table for one question, or for a theme or a case
    without a participant (then it belongs to that agenda item only)."""

    question = models.ForeignKey(
        "questions.Question",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("question"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=keep_question_actions,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("agenda item"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="worktable_actions",
        verbose_name=_("who"),
    )
    what = models.CharField(_("what"), max_length=300)
    due_on = models.DateField(_("by when"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    reminded_for_due_on = models.DateField(
        _("reminder sent for"),
        null=True,
        blank=True,
        help_text=_("The due date the owner was reminded of: one reminder per due date."),
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                name="action_for_a_question_or_an_item",
                condition=models.Q(question__isnull=False) | models.Q(agenda_item__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"Action #{self.pk} due {self.due_on}"

    @property
    def about(self) -> str:
        """What the action is for, naming no one: "Question 2026-0012", or a theme's or a
        case's kind and title."""
        if self.question_id is not None:
            return _("Question %(number)s") % {"number": self.question.case_number}
        return self.agenda_item.heading

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()


class MeetingMinutes(models.Model):
    """The approved minutes of a meeting, archived as sent: they name no one."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    approved_at = models.DateTimeField(_("approved at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("text"))
    pdf = models.BinaryField(_("PDF"))
    recipients = models.PositiveIntegerField(_("sent to (number of addresses)"))

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"


# The person at the table: invitations per agenda item, who was there, tips for the minutes ---


class Invitation(models.Model):
    """An invitation for one agenda item's time slot: to the person concerned, to someone they
    bring (a guest without an account), or to an organisation suggested for the question.

    What is mailed holds the table's name, the time and the place only; the person's own mail
    adds that it is about their question. The person's address is not copied here: it is read
    from their record when the mail is made."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("agenda item"),
    )
    kind = models.CharField(_("who"), max_length=16, choices=InvitationKind.choices)
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    guest_name = models.CharField(
        _("name of the guest"),
        max_length=100,
        blank=True,
        help_text=_("Only for someone the person brings. Never in a mail or the minutes."),
    )
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Where the invitation went, for a guest or an organisation."),
    )
    starts_at = models.DateTimeField(_("time slot starts at"))
    ends_at = models.DateTimeField(_("time slot ends at"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    sent_at = models.DateTimeField(
        _("sent at"),
        null=True,
        blank=True,
        help_text=_("Empty when the person wants no e-mail: their contact person tells them."),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                name="invitation_slot_ends_after_start",
                condition=models.Q(ends_at__gt=models.F("starts_at")),
            ),
            models.CheckConstraint(
                name="invitation_organization_only_for_organizations",
                condition=models.Q(kind=InvitationKind.ORGANIZATION, organization__isnull=False)
                | (~models.Q(kind=InvitationKind.ORGANIZATION) & models.Q(organization=None)),
            ),
            models.CheckConstraint(
                name="invitation_guest_has_name_and_address",
                condition=~models.Q(kind=InvitationKind.GUEST)
                | (~models.Q(guest_name="") & ~models.Q(email="")),
            ),
            models.UniqueConstraint(
                fields=["agenda_item", "kind"],
                condition=models.Q(kind__in=[InvitationKind.PERSON, InvitationKind.GUEST]),
                name="one_person_and_one_guest_per_item",
            ),
            models.UniqueConstraint(
                fields=["agenda_item", "organization"],
                condition=models.Q(organization__isnull=False),
                name="organization_invited_once_per_item",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation #{self.pk} ({self.kind}) for {self.agenda_item}"


class Attendance(models.Model):
    """Who was at a meeting: a member of the table, or someone invited for one item. The
    minutes name the organisations of those present, and per item whether the person
    concerned was there (never a name)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("invitation"),
    )
    present = models.BooleanField(_("was there"), default=False)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.CheckConstraint(
                name="attendance_of_a_member_or_an_invitation",
                condition=models.Q(member__isnull=False, invitation=None)
                | models.Q(member=None, invitation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=models.Q(member__isnull=False),
                name="member_attendance_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["invitation"],
                condition=models.Q(invitation__isnull=False),
                name="invitation_attendance_once",
            ),
        ]

    def __str__(self) -> str:
        who = f"member #{self.member_id}" if self.member_id else f"invitation #{self.invitation_id}"
        return f"Attendance of {who} at {self.meeting}"


class AgendaItemTips(models.Model):
    """The offers from the sociale kaart and a short tip that came up for one agenda item.
    They go into the minutes for the mailing list, so they name no one; the chair checks them
    in the minutes before approving."""

    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="tips", verbose_name=_("agenda item")
    )
    services = models.ManyToManyField(
        "directory.Service", blank=True, related_name="+", verbose_name=_("offers")
    )
    text = models.TextField(
        _("tip"),
        max_length=500,
        blank=True,
        help_text=_("A short tip for the mailing list. Name no one."),
    )
    updated_at = models.DateTimeField(_("changed at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("tips for the minutes")
        verbose_name_plural = _("tips for the minutes")

    def __str__(self) -> str:
        return f"Tips for {self.agenda_item}"
