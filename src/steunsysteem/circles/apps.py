from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    """Telefooncirkels: a small group of people who call each other every day (or week) in a
    fixed order, so everyone hears a voice and nobody is missed. The last one calls the
    coordinator; when someone is away, the one before calls the one after; a call that does
    not get through is a signal for the coordinator to follow up."""

    name = "steunsysteem.circles"
    label = "circles"
    verbose_name = _("Telephone circles")
