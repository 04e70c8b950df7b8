from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import ServiceStatus
from ..query import ServiceQuerySet
from .base import HsdsModel, fk


class Service(HsdsModel):
    """A service or activity on the sociale kaart: what a person can go to."""

    # Not stored: the werktafel's meeting screen puts the matcher's reasons on the services
    # it shows (``worktables.selectors``).
    match_reasons: list[str]

    organization = fk("Organization", _("organisation"), "services")
    program = fk("Program", _("programme"), "services", on_delete=models.SET_NULL)
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("alternate name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(
        _("status"), max_length=32, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    interpretation_services = models.TextField(_("interpretation services"), blank=True)
    application_process = models.TextField(
        _("how to sign up"), blank=True, help_text=_("The steps a person takes to join.")
    )
    fees_description = models.TextField(_("costs"), blank=True)
    wait_time = models.CharField(_("waiting time"), max_length=255, blank=True)
    fees = models.TextField(_("fees (HSDS 2)"), blank=True)
    accreditations = models.TextField(_("accreditations"), blank=True)
    eligibility_description = models.TextField(_("who it is for"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    assured_date = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        help_text=_("The date a person last checked that this information is right."),
    )
    assurer_email = models.EmailField(_("checked by (e-mail)"), blank=True)
    licenses = models.TextField(_("licences"), blank=True)
    alert = models.TextField(
        _("notice"), blank=True, help_text=_("A short notice when something changes for a while.")
    )
    places_available = models.PositiveIntegerField(
        _("places available"), null=True, blank=True, help_text=_("Leave empty when unknown.")
    )
    last_modified = models.DateTimeField(_("last modified"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["status"]), models.Index(fields=["assured_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(HsdsModel):
    service = fk(Service, _("service"), "service_at_locations")
    location = fk("Location", _("location"), "service_at_locations")
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("service at location")
        verbose_name_plural = _("services at locations")

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class ServiceArea(HsdsModel):
    service = fk(Service, _("service"), "service_areas")
    name = models.TextField(_("name"), blank=True)
    description = models.TextField(_("description"), blank=True)
    extent = models.TextField(_("extent"), blank=True)
    extent_type = models.CharField(_("extent type"), max_length=64, blank=True)
    uri = models.CharField(_("URI"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name[:60] or str(self.id)


class RequiredDocument(HsdsModel):
    service = fk(Service, _("service"), "required_documents")
    document = models.TextField(_("document"), blank=True)
    uri = models.URLField(_("URI"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.document[:60] or str(self.id)


class CostOption(HsdsModel):
    service = fk(Service, _("service"), "cost_options")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    option = models.TextField(_("condition"), blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="EUR")
    amount = models.DecimalField(
        _("amount"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount_description = models.CharField(_("per"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} {self.amount_description}".strip()
