from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WhiteSpotsConfig(AppConfig):
    """Signalen: white spots in the offer (witte vlekken), raised for the municipality.

    Named ``white_spots`` rather than ``signals`` so that it is never confused with Django's
    ``django.dispatch`` signals; the URLs and the interface still say "signalen".
    """

    name = "steunsysteem.white_spots"
    label = "white_spots"
    verbose_name = _("Signals")
