from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyKind(models.TextChoices):
    PARTICIPANT = "participant", _("Participant, after a question closed")
    COLLABORATION = "collaboration", _("Werktafel member, about the collaboration")


# The three statements of each survey, scored 1 (not at all) to 5 (very much).
SURVEY_STATEMENTS: dict[str, tuple] = {
    SurveyKind.PARTICIPANT: (
        _("I was listened to."),
        _("The werktafel helped me with my question."),
        _("I would tell others to bring a question too."),
    ),
    SurveyKind.COLLABORATION: (
        _("The organisations at the werktafel work well together."),
        _("The werktafel finds a fitting offer for people's questions."),
        _("Taking part in the werktafel is worth my time."),
    ),
}
SCORE_CHOICES = [
    (1, _("1 – not at all")),
    (2, _("2")),
    (3, _("3")),
    (4, _("4")),
    (5, _("5 – very much")),
]
