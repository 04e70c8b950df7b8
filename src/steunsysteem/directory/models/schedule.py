from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import Frequency, Weekday
from .base import HsdsModel, fk


class Schedule(HsdsModel):
    """When a service is open, as an iCalendar (RFC 5545) recurrence rule."""

    service = fk("Service", _("service"), "schedules")
    location = fk("Location", _("location"), "schedules")
    service_at_location = fk("ServiceAtLocation", _("service at location"), "schedules")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    dtstart = models.DateField(_("first date"), null=True, blank=True)
    timezone = models.FloatField(_("UTC offset"), null=True, blank=True)
    until = models.DateField(_("last date"), null=True, blank=True)
    count = models.PositiveIntegerField(_("number of times"), null=True, blank=True)
    wkst = models.CharField(_("week starts on"), max_length=3, blank=True)
    freq = models.CharField(_("frequency"), max_length=8, choices=Frequency.choices, blank=True)
    interval = models.PositiveIntegerField(_("interval"), null=True, blank=True)
    byday = models.CharField(
        _("days"), max_length=64, blank=True, help_text=_("E.g. TU or 1MO,-1FR (RFC 5545 BYDAY).")
    )
    byweekno = models.CharField(_("week numbers"), max_length=255, blank=True)
    bymonthday = models.CharField(_("days of the month"), max_length=255, blank=True)
    byyearday = models.CharField(_("days of the year"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    schedule_link = models.URLField(_("schedule link"), max_length=500, blank=True)
    attending_type = models.CharField(_("attending type"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self) -> str:
        return f"{self.freq} {self.byday} {self.opens_at or ''}".strip()

    @property
    def weekdays(self) -> list[str]:
        """The weekday codes (MO..SU) this schedule falls on, without ordinals."""
        codes = [part.strip().lstrip("+-0123456789") for part in self.byday.split(",")]
        return [code for code in codes if code in Weekday.values]
