from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel, fk


class Contact(HsdsModel):
    """A named contact person of an organisation or service (public work contact details)."""

    organization = fk("Organization", _("organisation"), "contacts")
    service = fk("Service", _("service"), "contacts")
    service_at_location = fk("ServiceAtLocation", _("service at location"), "contacts")
    location = fk("Location", _("location"), "contacts")
    name = models.CharField(_("name"), max_length=255, blank=True)
    title = models.CharField(_("job title"), max_length=255, blank=True)
    department = models.CharField(_("department"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name or self.title or str(self.id)


class Phone(HsdsModel):
    location = fk("Location", _("location"), "phones")
    service = fk("Service", _("service"), "phones")
    organization = fk("Organization", _("organisation"), "phones")
    contact = fk(Contact, _("contact"), "phones")
    service_at_location = fk("ServiceAtLocation", _("service at location"), "phones")
    number = models.CharField(_("number"), max_length=64)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    type = models.CharField(_("type"), max_length=32, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return self.number


class Language(HsdsModel):
    service = fk("Service", _("service"), "languages")
    location = fk("Location", _("location"), "languages")
    phone = fk(Phone, _("phone"), "languages")
    name = models.CharField(_("name"), max_length=255, blank=True)
    code = models.CharField(
        _("code"), max_length=16, blank=True, help_text=_("ISO 639-1 or 639-3.")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name or self.code
