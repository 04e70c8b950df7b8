"""The embedding index: one vector per service, made from the service's text.

Maintained only by ``steunsysteem.matching.index``; never write these rows elsewhere.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceEmbedding(models.Model):
    """The meaning of one service's text as a normalised float32 vector."""

    service = models.OneToOneField(
        "directory.Service",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="embedding",
    )
    vector = models.BinaryField(_("vector"), help_text=_("float32, normalised to length 1."))
    text_hash = models.CharField(
        _("text hash"), max_length=64, help_text=_("SHA-256 of the model name and the text.")
    )
    version = models.PositiveBigIntegerField(
        _("index version"), db_index=True, help_text=_("The index version that wrote this row.")
    )

    class Meta:
        verbose_name = _("service embedding")
        verbose_name_plural = _("service embeddings")

    def __str__(self) -> str:
        return str(self.service_id)


class MatchIndexState(models.Model):
    """One row: bumped on every change, so each process knows when to reload its matrix."""

    version = models.PositiveBigIntegerField(_("version"), default=0)
    generation = models.UUIDField(
        _("generation"), default=uuid.uuid4, help_text=_("New after a full rebuild: reload all.")
    )

    class Meta:
        verbose_name = _("match index state")
        verbose_name_plural = _("match index state")

    def __str__(self) -> str:
        return f"{self.generation}.{self.version}"
