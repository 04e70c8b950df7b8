from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import Role

from .constants import CONTACT_MAX_LENGTH, TEXT_MAX_LENGTH, VISIT_NOTE_MAX_LENGTH, Phase
from .query import ApproachQuerySet, VisitQuerySet


class Visit(models.Model):
    """One visit on a person's route: the phase, the date and a short note. Kept only while
    the person's consent for notes is in force for whoever writes it; the person reads it."""

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="visits",
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    visited_on = models.DateField(_("date of the visit"))
    note = models.TextField(
        _("short note"),
        max_length=VISIT_NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("A few words, as you would say them to the person."),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    written_by_role = models.CharField(_("role of the writer"), max_length=32, choices=Role.choices)
    written_at = models.DateTimeField(_("written at"))

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.participant_id} {self.visited_on} {self.phase} ({self.pk})"


class Approach(models.Model):
    """A kwartiermaker approaches an organisation on the sociale kaart, and what came of it:
    the agreements on accessibility."""

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="approaches",
    )
    kwartiermaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kwartiermaker"),
        on_delete=models.PROTECT,
        related_name="approaches",
    )
    started_on = models.DateField(_("first contact on"))
    ggz_friendly = models.BooleanField(
        _("ggz-vriendelijk agreed"),
        default=False,
        help_text=_("The organisation agreed to welcome people with a mental health background."),
    )
    contact_person = models.CharField(
        _("contact person"),
        max_length=CONTACT_MAX_LENGTH,
        blank=True,
        help_text=_("Who at the organisation people can go to, for example the chair."),
    )
    first_visit_on = models.DateField(
        _("first visit together on"),
        null=True,
        blank=True,
        help_text=_("The day someone goes there for the first time, with the kwartiermaker."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ApproachQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation approached")
        verbose_name_plural = _("organisations approached")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kwartiermaker"], name="approach_once_per_kwartiermaker"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} ({self.pk})"


class Conversation(models.Model):
    """A conversation with the organisation: when, with whom (a role, not a private person's
    details), and what was agreed."""

    approach = models.ForeignKey(
        Approach,
        verbose_name=_("organisation approached"),
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    held_on = models.DateField(_("date of the conversation"))
    spoke_with = models.CharField(
        _("spoke with"),
        max_length=CONTACT_MAX_LENGTH,
        blank=True,
        help_text=_("A role, for example “the board” or “the trainer”."),
    )
    agreed = models.TextField(_("what was agreed"), max_length=TEXT_MAX_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written at"))

    class Meta:
        verbose_name = _("conversation with an organisation")
        verbose_name_plural = _("conversations with organisations")

    def __str__(self) -> str:
        return f"{self.approach_id} {self.held_on} ({self.pk})"


class FeatureProposal(models.Model):
    """The accessibility features a kwartiermaker proposed for one of the organisation's
    entries, and the change request that carries them to the coordinators' review."""

    approach = models.ForeignKey(
        Approach,
        verbose_name=_("organisation approached"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    change_request = models.OneToOneField(
        "directory.ChangeRequest",
        verbose_name=_("change request"),
        on_delete=models.CASCADE,
        related_name="outreach_proposal",
    )
    features = models.JSONField(_("features proposed"))
    proposed_at = models.DateTimeField(_("proposed at"))

    class Meta:
        verbose_name = _("proposal of accessibility features")
        verbose_name_plural = _("proposals of accessibility features")

    def __str__(self) -> str:
        return f"{self.approach_id}: {', '.join(self.features)} ({self.pk})"
