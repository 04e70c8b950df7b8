import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from steunsysteem.surveys.constants import SurveyKind
from steunsysteem.surveys.models import SurveyAnswer, SurveyInvitation
from steunsysteem.surveys.services import token_hash


class SurveyInvitationFactory(DjangoModelFactory):
    """An invitation whose link is ``token`` (``SurveyInvitationFactory(token="abc")``)."""

    class Meta:
        model = SurveyInvitation
        exclude = ["token"]

    token = factory.Sequence(lambda n: f"peiling-{n}")
    kind = SurveyKind.COLLABORATION
    token_hash = factory.LazyAttribute(lambda o: token_hash(o.token))
    sent_on = factory.LazyFunction(timezone.localdate)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))

    class Params:
        expired = factory.Trait(
            expires_on=factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
        )


class SurveyAnswerFactory(DjangoModelFactory):
    class Meta:
        model = SurveyAnswer

    kind = SurveyKind.PARTICIPANT
    answered_in = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    score_1 = 4
    score_2 = 4
    score_3 = 4
