from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import ChangeRequestKind, ChangeRequestStatus, OutdatedReportStatus


class ChangeRequest(models.Model):
    """A provider editor's proposed version of a service; public only once a coordinator approves.

    ``data`` holds the proposed field values; approved requests form the version history.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ChangeRequestKind.choices)
    organization = models.ForeignKey(
        "Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    service = models.ForeignKey(
        "Service",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="change_requests",
    )
    data = models.JSONField(_("proposed values"))
    previous_data = models.JSONField(_("values before the change"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.PENDING,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("note from the reviewer"), blank=True)

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=ChangeRequestKind.CREATE) | models.Q(service__isnull=False),
                name="change_request_update_has_service",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}: {self.data.get('name', '')} ({self.get_status_display()})"
        )


class OutdatedReport(models.Model):
    """A visitor says an entry is out of date. Anonymous: no name or e-mail is asked."""

    service = models.ForeignKey(
        "Service",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="outdated_reports",
    )
    message = models.TextField(_("what is out of date"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OutdatedReportStatus.choices,
        default=OutdatedReportStatus.OPEN,
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("out-of-date report")
        verbose_name_plural = _("out-of-date reports")

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()})"
