import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import ContactRoute, Language
from .query import ParticipantQuerySet


class Participant(models.Model):
    """A person the support system is for (deelnemer), with or without an account.

    Holds only what the work needs. Who may see it is decided by the participant's consent
    grants (``accounts.ConsentGrant``), through ``accounts.permissions``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("own account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
        help_text=_("The participant's own account, if they have one."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The name the person wants to be called by.")
    )
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=3, choices=Language.choices, default=Language.DUTCH
    )
    contact_route = models.CharField(
        _("how to get in touch"),
        max_length=20,
        choices=ContactRoute.choices,
        default=ContactRoute.VIA_PROFESSIONAL,
    )
    contact_detail = models.CharField(
        _("phone number or e-mail address"),
        max_length=254,
        blank=True,
        help_text=_("Only when the person wants to be reached directly."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.name} ({str(self.pk)[:8]})"
