import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class Interest(models.TextChoices):
    """What a volunteer likes to do, and what a person would like to do with a buddy."""

    CARD_GAMES = "card_games", _("Card and board games")
    WALKING = "walking", _("Walking")
    COFFEE = "coffee", _("Having coffee and a chat")
    COOKING = "cooking", _("Cooking and eating together")
    SPORTS = "sports", _("Sports and exercise")
    CULTURE = "culture", _("Museum, film or theatre")
    MUSIC = "music", _("Music")
    NATURE = "nature", _("Nature and gardening")
    CRAFTS = "crafts", _("Crafts and making things")
    GOING_OUT = "going_out", _("Going out and trying something new")


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for both answers")
    ACTIVE = "active", _("Running")
    DECLINED = "declined", _("Not started: someone said no")
    ENDED = "ended", _("Ended")


OPEN_MATCH_STATUSES = (MatchStatus.PROPOSED, MatchStatus.ACTIVE)


class EndReason(models.TextChoices):
    GOAL_REACHED = "goal_reached", _("It went well; the person goes on without a buddy")
    FRIENDSHIP = "friendship", _("They go on as friends, without the project")
    NO_CLICK = "no_click", _("There was no click")
    PARTICIPANT_STOPPED = "participant_stopped", _("The person wanted to stop")
    VOLUNTEER_STOPPED = "volunteer_stopped", _("The volunteer stopped")
    CONCERN = "concern", _("Something was wrong")
    OTHER = "other", _("Another reason")


class Side(models.TextChoices):
    PARTICIPANT = "participant", _("The person")
    VOLUNTEER = "volunteer", _("The volunteer")


class CheckInMoment(models.TextChoices):
    SIX_WEEKS = "six_weeks", _("After 6 weeks")
    THREE_MONTHS = "three_months", _("After 3 months")


# When each check-in is due, counted from the start of the match.
CHECK_IN_AFTER = {
    CheckInMoment.SIX_WEEKS: dt.timedelta(weeks=6),
    CheckInMoment.THREE_MONTHS: dt.timedelta(days=91),
}
