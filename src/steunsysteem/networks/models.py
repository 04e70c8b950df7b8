import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import (
    LINK_VALID_FOR,
    Circle,
    ContactFrequency,
    Relation,
    SnapshotOccasion,
    SupportKind,
)
from .query import (
    NetworkMemberQuerySet,
    NetworkSnapshotQuerySet,
    SnapshotImmutableError,
    SnapshotMemberQuerySet,
)


class NetworkMember(models.Model):
    """Someone in a participant's own network: a person, or a contact at an organisation.

    The participant decides who is in it. ``support_received`` and ``gives_back`` hold
    ``SupportKind`` values: what the member gives, and what the participant gives back.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="network_members",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("How you call this person, e.g. 'Henk (brother)'.")
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("When this is a contact at an organisation."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "The professional's own account, when they have one here. Linked only once the"
            " account holder confirmed it."
        ),
    )
    link_email = models.EmailField(
        _("account link asked for"),
        blank=True,
        help_text=_(
            "The e-mail address given to link this member's account. Nobody is told whether it"
            " belongs to an account; the account holder, if any, gets a message to confirm."
        ),
    )
    link_requested_at = models.DateTimeField(_("account link asked for at"), null=True, blank=True)
    link_token_hash = models.CharField(
        _("confirmation link"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("A hash of the link the account holder confirms with; never the link."),
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    circle = models.CharField(
        _("how close"), max_length=8, choices=Circle.choices, default=Circle.MIDDLE
    )
    support_received = models.JSONField(_("support you get"), default=list, blank=True)
    gives_back = models.JSONField(_("what you give back"), default=list, blank=True)
    gives_back_note = models.CharField(
        _("in your own words"),
        max_length=200,
        blank=True,
        help_text=_("What you do for this person, e.g. 'I help with the garden'."),
    )
    contact_frequency = models.CharField(
        _("how often you have contact"),
        max_length=8,
        choices=ContactFrequency.choices,
        default=ContactFrequency.MONTHLY,
    )
    known_since = models.DateField(_("known since"), null=True, blank=True)
    is_central_contact = models.BooleanField(
        _("central contact person"),
        default=False,
        help_text=_("The one person who keeps an overview with you. One per network."),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Goes up with every saved change. A form opened at an older version cannot"
            " overwrite a newer change."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NetworkMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(is_central_contact=True),
                name="one_central_contact_per_network",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"

    @property
    def link_pending(self) -> bool:
        """An account link was asked for and can still be confirmed."""
        return bool(self.link_email) and not self.link_expired

    @property
    def link_expired(self) -> bool:
        """An account link was asked for but not confirmed in time."""
        if not self.link_email or self.link_requested_at is None:
            return False
        return timezone.now() - self.link_requested_at > LINK_VALID_FOR

    @property
    def support_labels(self) -> list[str]:
        return [str(SupportKind(kind).label) for kind in self.support_received]

    @property
    def gives_back_labels(self) -> list[str]:
        return [str(SupportKind(kind).label) for kind in self.gives_back]


class NetworkSnapshot(models.Model):
    """The network as it was at one moment (intake, every half year), never changed after.

    ``summary`` holds counts only (size per circle and relation, support kinds, how many
    get something back); it stays for the monitor when the participant's data is erased,
    together with the district. The members themselves are in ``SnapshotMember``.
    """

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="network_snapshots",
    )
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    occasion = models.CharField(_("occasion"), max_length=16, choices=SnapshotOccasion.choices)
    taken_at = models.DateTimeField(_("taken at"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    summary = models.JSONField(_("summary"), default=dict)

    objects = NetworkSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("network snapshot")
        verbose_name_plural = _("network snapshots")

    def __str__(self) -> str:
        return f"{self.get_occasion_display()} {self.taken_at:%Y-%m-%d} (#{self.pk})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise SnapshotImmutableError()
        super().save(*args, **kwargs)


class SnapshotMember(models.Model):
    """A network member as they were when the snapshot was taken."""

    snapshot = models.ForeignKey(
        NetworkSnapshot,
        verbose_name=_("snapshot"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    member_id = models.UUIDField(
        _("member id"), help_text=_("The network member this is a copy of, to see who stayed.")
    )
    name = models.CharField(_("name"), max_length=100)
    organization_name = models.CharField(_("organisation"), max_length=250, blank=True)
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    circle = models.CharField(_("how close"), max_length=8, choices=Circle.choices)
    support_received = models.JSONField(_("support you get"), default=list)
    gives_back = models.JSONField(_("what you give back"), default=list)
    gives_back_note = models.CharField(_("in your own words"), max_length=200, blank=True)
    contact_frequency = models.CharField(
        _("how often you have contact"), max_length=8, choices=ContactFrequency.choices
    )
    is_central_contact = models.BooleanField(_("central contact person"), default=False)

    objects = SnapshotMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("snapshot member")
        verbose_name_plural = _("snapshot members")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "member_id"], name="snapshot_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} in snapshot #{self.snapshot_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise SnapshotImmutableError()
        super().save(*args, **kwargs)


class NetworkKeeper(models.Model):
    """The participant's own choice that a relative (belangenbehartiger) who sees their
    network through consent may help keep it up to date. Only the participant makes or ends
    this choice; without it, consent for the network lets a relative read, not change."""

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="network_keepers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relative"),
        on_delete=models.CASCADE,
        related_name="networks_kept",
    )
    chosen_at = models.DateTimeField(_("chosen at"))

    class Meta:
        verbose_name = _("helper with the network")
        verbose_name_plural = _("helpers with the network")
        constraints = [
            models.UniqueConstraint(fields=["participant", "user"], name="network_keeper_once")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} \u2190 {self.user_id}"
