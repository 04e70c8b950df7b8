import hashlib

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .constants import AuditAction, AuditResult, ConsentScope, ConsentSource, Role
from .query import (
    AuditEntryQuerySet,
    AuditTrailAppendOnlyError,
    ConsentGrantQuerySet,
    EmergencyAccessQuerySet,
    InvitationQuerySet,
    UserSessionQuerySet,
)


class AccountManager(UserManager):
    """``createsuperuser`` makes an administrator: the only role the admin site opens for."""

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. Domain data about people lives in the domain apps, not here."""

    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, default=Role.PARTICIPANT
    )
    organizations = models.ManyToManyField(
        "directory.Organization",
        through="Membership",
        related_name="members",
        verbose_name=_("organisations"),
        blank=True,
    )

    objects = AccountManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.username


class Membership(models.Model):
    """A professional or provider editor works for an organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, verbose_name=_("user"))
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, verbose_name=_("organisation")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class ConsentGrant(models.Model):
    """A participant lets one person, organisation or werktafel see one part of their data.

    One grant covers one scope until ``ends_on``; withdrawing it takes effect at once. A
    professional who records consent for someone without an account says how it was
    obtained. Grants are never deleted: they are the legal basis of past access.
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
        ]
        indexes = [models.Index(fields=["participant", "scope"], name="consent_participant_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.scope} → {self.grantee}"

    @property
    def grantee(self):
        return self.grantee_user or self.grantee_organization or self.grantee_worktable

    @property
    def grantee_name(self) -> str:
        """How the participant recognises the grantee: a person's full name, else the name."""
        if self.grantee_user is not None:
            return self.grantee_user.get_full_name() or self.grantee_user.username
        return str(self.grantee)


class EmergencyAccess(models.Model):
    """A professional opens a participant's data without consent, for a few hours, because
    something urgent cannot wait (break the glass). The reason goes with every read into the
    audit trail, and the participant sees it in their access log."""

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


class AuditEntry(models.Model):
    """One event in the audit trail (NEN 7513 / BIO 8.15.01): who did what to which data.

    Append-only and tamper-evident: each entry carries the hash of the previous entry and
    its own hash over its content, so a changed or removed entry breaks the chain
    (see ``accounts.audit.verify_audit_chain``). Write entries only through
    ``accounts.audit.audit_record``. Holds ids, never names or content of the data itself.
    """

    sequence = models.PositiveBigIntegerField(
        _("sequence"), unique=True, help_text=_("Position in the hash chain, starting at 1.")
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    actor_user_id = models.PositiveBigIntegerField(
        _("actor user id"),
        null=True,
        blank=True,
        help_text=_("Id of the user who acted; empty when nobody was logged in."),
    )
    actor_username = models.CharField(
        _("actor username"),
        max_length=150,
        blank=True,
        help_text=_("The username at the time of the event."),
    )
    actor_role = models.CharField(_("actor role"), max_length=32, blank=True)
    actor_organization_ids = models.JSONField(
        _("actor organisations"),
        default=list,
        blank=True,
        help_text=_("Ids of the organisations the user worked for at the time of the event."),
    )
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    object_type = models.CharField(
        _("object type"),
        max_length=100,
        blank=True,
        help_text=_("The kind of data, as app_label.model_name."),
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    fields = models.JSONField(
        _("fields"), default=list, blank=True, help_text=_("Names of the fields read or changed.")
    )
    result = models.CharField(_("result"), max_length=16, choices=AuditResult.choices)
    origin = models.CharField(
        _("origin"),
        max_length=64,
        blank=True,
        help_text=_(
            "Network the request came from: the IP address truncated to /24 (IPv4) or /48 (IPv6)."
        ),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=200,
        blank=True,
        help_text=_("The legal basis or consent grant the access relied on."),
    )
    reason = models.CharField(
        _("reason"),
        max_length=500,
        blank=True,
        help_text=_("Why emergency access was used. No personal data."),
    )
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit trail entry")
        verbose_name_plural = _("audit trail entries")
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="auditentry_object_idx"),
            models.Index(fields=["actor_user_id", "occurred_at"], name="auditentry_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailAppendOnlyError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailAppendOnlyError()


class Invitation(models.Model):
    """An e-mail link with which someone creates their own account, with a role chosen for them.

    Only the SHA-256 hash of the link's token is stored: the token itself is in the e-mail
    only. A link works once, until ``expires_at``.
    """

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organizations = models.ManyToManyField(
        "directory.Organization",
        related_name="invitations",
        verbose_name=_("organisations"),
        blank=True,
        help_text=_("The organisations the new user will work for."),
    )
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(
        _("token hash"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 of the token in the link; the token itself is not stored."),
    )
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
        verbose_name=_("account"),
        help_text=_("The account created with this invitation."),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_creation",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True)
                | models.Q(accepted_at__gte=models.F("created_at")),
                name="invitation_accepted_after_creation",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_role_is_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()}, {self.created_at:%Y-%m-%d})"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()


class UserSession(models.Model):
    """A signed-in session, so its user can see it and end it ("Mijn account").

    Keyed by the session key; ending a session deletes it from the session store. Holds a
    short browser description and the network (/24), never the full address.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="user_sessions", verbose_name=_("user")
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    started_at = models.DateTimeField(_("signed in at"))
    last_active_at = models.DateTimeField(_("last active at"))
    browser = models.CharField(
        _("browser"), max_length=40, blank=True, help_text=_("Such as Firefox or Safari.")
    )
    operating_system = models.CharField(
        _("operating system"),
        max_length=40,
        blank=True,
        help_text=_("Such as Windows, Android or iOS."),
    )
    network = models.CharField(
        _("network"), max_length=64, blank=True, help_text=_("The IP address truncated to /24.")
    )

    objects = UserSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M} ({self.pk})"
