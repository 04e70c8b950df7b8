from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Participatievragen: what someone wants to take part in, in their own words."""

    name = "steunsysteem.questions"
    label = "questions"
    verbose_name = _("Participation questions")
