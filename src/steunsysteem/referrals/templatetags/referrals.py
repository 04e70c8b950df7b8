"""The referrals block on the question page and the meeting screen."""

from django import template

from steunsysteem.accounts import permissions

from ..constants import ReferralStatus
from ..forms import CheckInForm
from ..models import Referral

register = template.Library()


@register.inclusion_tag("referrals/_referrals.html", takes_context=True)
def referrals_block(context, question, *, heading_level: int = 2):
    """The question's referrals with their steps, for whoever may see them; the button to
    refer, to close the question after a start, and "gaat het nog?", for whoever may. The
    page has authorized reading the question (consent for questions)."""
    user = context["request"].user
    if not permissions.can_see_referrals(user, question):
        return {"visible": False}
    referrals = list(Referral.objects.filter(question=question).history())
    rows = [
        {
            "referral": referral,
            "can_close": referral.status == ReferralStatus.STARTED
            and question.status != "answered"
            and permissions.can_close_question_by_referral(user, referral),
            "can_check_in": referral.started_on is not None
            and referral.check_in_asked_at is not None
            and permissions.can_answer_check_in(user, referral),
        }
        for referral in referrals
    ]
    joined = next(
        (
            referral.service
            for referral in reversed(referrals)
            if referral.started_on is not None and question.status == "answered"
        ),
        None,
    )
    return {
        "visible": True,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "question": question,
        "rows": rows,
        "joined": joined,
        "can_refer": permissions.can_refer(user, question),
        "check_in_form": CheckInForm(),
        "heading_level": heading_level,
    }
