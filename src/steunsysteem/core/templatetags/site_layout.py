"""The site's main navigation: which links a visitor sees depends on who they are."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions

register = template.Library()


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def main_navigation(context) -> list[NavItem]:
    """Links for the header: the public sociale kaart for everyone, editing for those allowed.

    The most specific link whose address starts the current path is marked as current.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if permissions.needs_two_factor(user) and not getattr(user, "is_verified", bool)():
        user = None  # only the public links until the second factor is passed
    links = [
        (_("Sociale kaart"), "directory:search", True),
        (_("Map"), "directory:map", True),
        (_("How it works"), "worktables:about", True),
        (_("My entries"), "directory:editor_dashboard", permissions.can_use_directory_editor(user)),
        (_("To review"), "directory:review_queue", permissions.can_review_directory(user)),
        (_("Participants"), "participants:list", permissions.can_list_participants(user)),
        (_("My page"), "participants:my_record", permissions.can_start_own_record(user)),
        (_("Werktafels"), "worktables:list", permissions.worktables_of(user).exists()),
        (_("Signals"), "signals:list", permissions.can_view_signals(user)),
        (_("Steunpunten"), "directory:coverage", permissions.can_view_coverage(user)),
        (_("Surveys"), "surveys:results", permissions.can_view_survey_results(user)),
        (_("My account"), "accounts:account", bool(user and user.is_authenticated)),
        (_("Administration"), "admin:index", permissions.can_use_admin(user)),
    ]
    found = [(label, url) for label, name, allowed in links if allowed and (url := _url(name))]
    path = getattr(request, "path", "")
    matching = [url for _label, url in found if path.startswith(url)]
    current = max(matching, key=len) if matching else None
    return [NavItem(str(label), url, url == current) for label, url in found]
