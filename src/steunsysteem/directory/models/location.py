from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import LocationType
from .base import HsdsModel, fk


class Location(HsdsModel):
    location_type = models.CharField(
        _("location type"),
        max_length=16,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    organization = fk("Organization", _("organisation"), "locations")
    name = models.CharField(_("name"), max_length=255, blank=True)
    alternate_name = models.CharField(_("alternate name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(
        _("public transport"), blank=True, help_text=_("How to get there by bus, train or bike.")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    external_identifier = models.CharField(_("external identifier"), max_length=255, blank=True)
    external_identifier_type = models.CharField(
        _("external identifier type"), max_length=255, blank=True
    )
    district = models.ForeignKey(
        "District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
    )

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(HsdsModel):
    location = fk(Location, _("location"), "addresses")
    attention = models.CharField(_("attention of"), max_length=255, blank=True)
    address_1 = models.CharField(_("street and number"), max_length=255)
    address_2 = models.CharField(_("address line 2"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=255)
    region = models.CharField(_("region"), max_length=255, blank=True)
    state_province = models.CharField(_("province"), max_length=255)
    postal_code = models.CharField(_("postcode"), max_length=32)
    country = models.CharField(_("country"), max_length=2, default="NL")
    address_type = models.CharField(
        _("address type"),
        max_length=16,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class Accessibility(HsdsModel):
    location = fk(Location, _("location"), "accessibilities")
    description = models.TextField(_("description"), blank=True)
    details = models.TextField(_("details"), blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")

    def __str__(self) -> str:
        return self.description[:60] or str(self.id)
