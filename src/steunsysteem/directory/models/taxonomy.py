from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel, fk


class Taxonomy(HsdsModel):
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"))
    uri = models.URLField(_("URI"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(HsdsModel):
    code = models.CharField(_("code"), max_length=255, blank=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"))
    parent = fk("self", _("parent term"), "children", on_delete=models.SET_NULL)
    taxonomy_name = models.CharField(
        _("taxonomy name"), max_length=255, blank=True, help_text=_("HSDS column 'taxonomy'.")
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    taxonomy = fk(Taxonomy, _("taxonomy"), "terms", on_delete=models.SET_NULL)
    term_uri = models.URLField(_("term URI"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"],
                condition=~models.Q(code=""),
                name="taxonomy_term_code_unique_per_taxonomy",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Attribute(HsdsModel):
    """Links a taxonomy term to any HSDS row (``link_entity`` names its table)."""

    link_id = models.UUIDField(_("linked id"), db_index=True)
    taxonomy_term = fk(TaxonomyTerm, _("taxonomy term"), "attributes")
    link_type = models.CharField(_("link type"), max_length=255, blank=True)
    link_entity = models.CharField(_("linked table"), max_length=64)
    value = models.TextField(_("value"), blank=True)

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")
        indexes = [models.Index(fields=["link_entity", "taxonomy_term", "link_id"])]

    def __str__(self) -> str:
        return f"{self.link_entity}:{self.link_id} → {self.taxonomy_term_id}"
