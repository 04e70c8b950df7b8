from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel


class Metadata(HsdsModel):
    """HSDS change metadata as received from another publisher (kept for round-trips)."""

    resource_id = models.UUIDField(_("resource id"))
    resource_type = models.CharField(_("resource type"), max_length=64)
    last_action_date = models.DateField(_("last action date"))
    last_action_type = models.CharField(_("last action type"), max_length=64)
    field_name = models.CharField(_("field name"), max_length=255)
    previous_value = models.TextField(_("previous value"))
    replacement_value = models.TextField(_("replacement value"))
    updated_by = models.CharField(_("updated by"), max_length=255)

    class Meta:
        verbose_name = _("metadata")
        verbose_name_plural = _("metadata")

    def __str__(self) -> str:
        return f"{self.resource_type} {self.field_name} {self.last_action_date}"


class MetaTableDescription(HsdsModel):
    name = models.CharField(_("name"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    character_set = models.CharField(_("character set"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("table description")
        verbose_name_plural = _("table descriptions")

    def __str__(self) -> str:
        return self.name or str(self.id)
