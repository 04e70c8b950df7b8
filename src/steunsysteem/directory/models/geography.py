from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A wijk: the area a werktafel covers and the monitor reports on.

    Exported to HSDS as a term of our district taxonomy, with this model's ``term_id``.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    municipality = models.CharField(_("municipality"), max_length=120)
    population = models.PositiveIntegerField(
        _("population"), help_text=_("Number of inhabitants, for reach figures in the monitor.")
    )
    term_id = models.UUIDField(_("HSDS taxonomy term id"), unique=True)
    code = models.CharField(
        _("CBS district code"),
        max_length=16,
        blank=True,
        help_text=_("The wijkcode of CBS Wijken en Buurten, e.g. WK034401."),
    )
    centre_latitude = models.FloatField(
        _("centre latitude"),
        null=True,
        blank=True,
        help_text=_(
            "Where people live on average; distances to steunpunten are measured from here."
        ),
    )
    centre_longitude = models.FloatField(_("centre longitude"), null=True, blank=True)
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        help_text=_("GeoJSON geometry (Polygon or MultiPolygon, WGS84) for the coverage map."),
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class PostcodeArea(models.Model):
    """The centre of a four-digit Dutch postcode area, for 'distance from my postcode'."""

    code = models.CharField(_("postcode (4 digits)"), max_length=4, primary_key=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postcode_areas",
    )

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")

    def __str__(self) -> str:
        return self.code
