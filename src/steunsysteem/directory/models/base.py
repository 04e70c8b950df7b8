import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class HsdsModel(models.Model):
    """An HSDS table row. HSDS ids are UUIDs and are kept on import and export."""

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


def fk(to: str, verbose_name, related_name: str, **kwargs) -> models.ForeignKey:
    """An optional HSDS reference. HSDS allows most links to be empty."""
    kwargs.setdefault("on_delete", models.CASCADE)
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        related_name=related_name,
        null=True,
        blank=True,
        **kwargs,
    )
