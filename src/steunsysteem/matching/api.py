"""/api/v1/match/: offers that fit a question, best first, each with its reasons.

With ``q``: anyone may ask (no login; nothing about the asker is kept). With ``question``:
the offers for a stored question, only for a signed-in user who may read that question;
the person's details (postcode, district, language) count as on the question page.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from steunsysteem.accounts.access import AuditedPermissionDenied, authorize_participant
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.core.api import AnonymousRateThrottle
from steunsysteem.directory.api.v1.views import BAD_REQUEST, NOT_FOUND, TOO_MANY
from steunsysteem.directory.constants import LifeDomain
from steunsysteem.questions.models import Question

from .questions import match_for_question
from .selectors import MAX_LIMIT, match_services


class MatchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, max_length=2000, help_text=_("The question, in the person's own words.")
    )
    question = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("A stored question (instead of q); needs a signed-in user who may read it."),
    )
    life_domain = serializers.MultipleChoiceField(
        choices=LifeDomain.choices, required=False, help_text=_("The question's life domains.")
    )
    postcode = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=7,
        help_text=_("Dutch postcode: nearer offers count more."),
    )
    wishes = serializers.CharField(
        required=False,
        max_length=1000,
        default="",
        help_text=_("What has to fit: days, costs, travel, language."),
    )
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=MAX_LIMIT)

    def validate(self, data):
        if bool(data.get("q", "").strip()) == bool(data.get("question")):
            raise ValidationError({"q": _("Give either q or question.")})
        return data


class MatchSerializer(serializers.Serializer):
    service_id = serializers.UUIDField(source="service.pk", help_text=_("The HSDS service id."))
    name = serializers.CharField(source="service.name")
    organization = serializers.CharField(source="service.organization.name", default="")
    score = serializers.FloatField(help_text=_("Higher fits better; only for ordering."))
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text=_("Why it fits, in plain language.")
    )


class MatchResultSerializer(serializers.Serializer):
    semantic = serializers.BooleanField(
        help_text=_("False: the language model is missing and offers were matched on words only.")
    )
    matches = MatchSerializer(many=True)


class MatchView(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousRateThrottle]

    @extend_schema(
        summary=_("Offers that fit a question"),
        description=_(
            "Active services that fit a question, best first, each with its reasons: meaning "
            "and words, life domains, distance, costs, days, eligibility and readiness."
        ),
        parameters=[MatchQuerySerializer],
        responses={
            200: MatchResultSerializer,
            **BAD_REQUEST,
            **NOT_FOUND,
            414: OpenApiResponse(
                description=_(
                    "URI Too Long: the web server takes request lines up to 8 KB. A question of"
                    " 2,000 characters in Dutch fits; in Arabic, about 1,500."
                )
            ),
            **TOO_MANY,
        },
        operation_id="match",
    )
    def get(self, request):
        query = MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        if data.get("question"):
            result = match_for_question(
                question=self._readable_question(request, data["question"]),
                request=request._request,
                limit=data["limit"],
            )
        else:
            result = match_services(
                text=data["q"],
                life_domains=sorted(data.get("life_domain", ())),
                postcode=data.get("postcode") or None,
                wishes_and_limits=data["wishes"],
                limit=data["limit"],
            )
            if result.postcode_unknown:
                raise ValidationError({"postcode": _("We do not know this postcode.")})
        return Response(MatchResultSerializer(result).data)

    def _readable_question(self, request, pk: int) -> Question:
        """The question, if this user may read it; otherwise 404 (a refusal is recorded)."""
        question = (
            Question.objects.select_related("participant").filter(pk=pk).first()
            if request.user.is_authenticated
            else None
        )
        if question is None:
            raise NotFound(_("No question with this number that you may read."))
        try:
            authorize_participant(
                request=request._request,
                participant=question.participant,
                scope=ConsentScope.QUESTIONS,
                fields=["questions.text"],
            )
        except AuditedPermissionDenied:
            raise NotFound(_("No question with this number that you may read.")) from None
        return question
