"""Invitations to an account, and the sessions a user is signed in with."""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import Role
from ..query import (
    InvitationQuerySet,
    UserSessionQuerySet,
)
from .user import User


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
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="account_invitations",
        verbose_name=_("participant"),
        help_text=_(
            "When a professional invited the person to their own account: the page that "
            "account opens."
        ),
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
            models.CheckConstraint(
                condition=models.Q(participant__isnull=True) | models.Q(role=Role.PARTICIPANT),
                name="invitation_to_own_page_is_a_participant_account",
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
