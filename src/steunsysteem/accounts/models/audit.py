"""The audit trail."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import AuditAction, AuditResult
from ..query import (
    AuditEntryQuerySet,
    AuditTrailAppendOnlyError,
)


class AuditEntry(models.Model):
    """One event in the audit trail (NEN 7513 / BIO 8.15.01): who did what to which data.

    Append-only (the ORM and database triggers refuse UPDATE and DELETE) and tamper-evident:
    each entry carries the hash of the previous entry and its own keyed hash (HMAC) over its
    content, so a changed, removed or re-inserted entry breaks the chain (see
    ``accounts.audit.verify_audit_chain``). Write entries only through
    ``accounts.audit.audit_record``. Holds ids and references, never names, free text or
    content of the data itself.
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
        help_text=_(
            "Only in entries from before the reason was kept with the emergency access itself"
            " (which an erasure removes); empty in newer entries, which refer to it by its"
            " legal basis."
        ),
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
