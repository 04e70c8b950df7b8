from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel, fk


class Organization(HsdsModel):
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("alternate name"), max_length=255, blank=True)
    description = models.TextField(_("description"))
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    tax_status = models.CharField(_("tax status"), max_length=255, blank=True)
    tax_id = models.CharField(_("tax id"), max_length=255, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(
        _("year incorporated"), null=True, blank=True
    )
    legal_status = models.CharField(_("legal status"), max_length=255, blank=True)
    logo = models.URLField(_("logo"), max_length=500, blank=True)
    uri = models.URLField(_("persistent URI"), max_length=500, blank=True)
    parent_organization = fk(
        "self", _("parent organisation"), "child_organizations", on_delete=models.SET_NULL
    )
    last_modified = models.DateTimeField(_("last modified"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class OrganizationIdentifier(HsdsModel):
    organization = fk(Organization, _("organisation"), "organization_identifiers")
    identifier_scheme = models.CharField(_("identifier scheme"), max_length=255, blank=True)
    identifier_type = models.CharField(_("identifier type"), max_length=255)
    identifier = models.CharField(_("identifier"), max_length=255)

    class Meta:
        verbose_name = _("organisation identifier")
        verbose_name_plural = _("organisation identifiers")

    def __str__(self) -> str:
        return f"{self.identifier_type}: {self.identifier}"


class Program(HsdsModel):
    organization = fk(Organization, _("organisation"), "programs")
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("alternate name"), max_length=255, blank=True)
    description = models.TextField(_("description"))

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class Funding(HsdsModel):
    organization = fk(Organization, _("organisation"), "fundings")
    service = fk("Service", _("service"), "fundings")
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")

    def __str__(self) -> str:
        return self.source[:60] or str(self.id)
