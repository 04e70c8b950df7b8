from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Peilingen: short satisfaction surveys, answered anonymously through a one-time link.

    Participants get one after a question closes; werktafel members get one a year about the
    quality of the collaboration. An answer keeps no link to the person who gave it.
    """

    name = "steunsysteem.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
