"""A participant's consent grants, and emergency access when consent cannot wait."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import ConsentScope, ConsentSource
from ..query import (
    ConsentGrantQuerySet,
    EmergencyAccessQuerySet,
)
from .user import User


class ConsentGrant(models.Model):
    """A participant lets one person, organisation or werktafel see one part of their data.

    One grant covers one scope until ``ends_on``; withdrawing it takes effect at once. A
    professional who records consent for someone without an account says how it was
    obtained. A grant someone records for themselves (or their organisation or werktafel), or
    for a scope the person withdrew from the same grantee before, waits for a second yes
    (``confirmed_at`` empty) and opens nothing until then; declining it withdraws it. Grants
    are not deleted: they are the legal basis of past access. Only erasure at the
    participant's request removes them; its ``ErasureRecord`` keeps who held them.
    """

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="consent_grants",
    )
    scope = models.CharField(_("what may be seen"), max_length=16, choices=ConsentScope.choices)
    grantee_user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_grants_received",
    )
    grantee_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_grants",
    )
    grantee_worktable = models.ForeignKey(
        "worktables.Worktable",
        verbose_name=_("werktafel"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_grants",
    )
    given_at = models.DateTimeField(_("given at"))
    ends_on = models.DateField(
        _("valid until"), help_text=_("The grant ends at the end of this day.")
    )
    source = models.CharField(_("how it was given"), max_length=16, choices=ConsentSource.choices)
    recorded_by = models.ForeignKey(
        User,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(
        _("confirmed at"),
        null=True,
        blank=True,
        help_text=_(
            "Empty while the consent waits for the participant's own yes, or a second"
            " person's: until then it opens nothing."
        ),
    )
    confirmed_by = models.ForeignKey(
        User,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConsentGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent grant")
        verbose_name_plural = _("consent grants")
        constraints = [
            models.CheckConstraint(
                name="consent_has_exactly_one_grantee",
                condition=(
                    Q(
                        grantee_user__isnull=False,
                        grantee_organization__isnull=True,
                        grantee_worktable__isnull=True,
                    )
                    | Q(
                        grantee_user__isnull=True,
                        grantee_organization__isnull=False,
                        grantee_worktable__isnull=True,
                    )
                    | Q(
                        grantee_user__isnull=True,
                        grantee_organization__isnull=True,
                        grantee_worktable__isnull=False,
                    )
                ),
            ),
            models.CheckConstraint(
                name="consent_confirmed_after_given",
                condition=Q(confirmed_at__isnull=True) | Q(confirmed_at__gte=F("given_at")),
            ),
        ]
        indexes = [models.Index(fields=["participant", "scope"], name="consent_participant_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.scope} → {self.grantee}"

    @property
    def grantee(self):
        return self.grantee_user or self.grantee_organization or self.grantee_worktable

    @property
    def is_awaiting_confirmation(self) -> bool:
        """Recorded, not confirmed yet, not closed and not ended: it waits for a second yes."""
        return (
            self.confirmed_at is None
            and self.withdrawn_at is None
            and self.ends_on >= timezone.localdate()
        )

    @property
    def was_declined(self) -> bool:
        """Closed before anyone confirmed it."""
        return self.confirmed_at is None and self.withdrawn_at is not None

    @property
    def grantee_name(self) -> str:
        """How the participant recognises the grantee: a person's full name, else the name."""
        if self.grantee_user is not None:
            return self.grantee_user.get_full_name() or self.grantee_user.username
        return str(self.grantee)


class EmergencyAccess(models.Model):
    """A professional opens a participant's data without consent, for a few hours, because
    something urgent cannot wait (break the glass). Every read during the access refers to
    it in the audit trail (``emergency:<pk>``); the reason stays here, not in the trail, so an
    erasure removes it. The participant sees it in their access log."""

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="emergency_accesses",
    )
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    reason = models.CharField(
        _("reason"),
        max_length=500,
        help_text=_("Why this cannot wait. No names or diagnoses."),
    )
    started_at = models.DateTimeField(_("started at"))
    ends_at = models.DateTimeField(_("ends at"))

    objects = EmergencyAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        constraints = [
            models.CheckConstraint(
                name="emergency_access_ends_after_start", condition=Q(ends_at__gt=F("started_at"))
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.user} → {self.participant_id}"
