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


@dataclass(frozen=True)
class Navigation:
    """The header's links: the first few in the row, the rest folded under "More", so the
    header stays one row at 1280 px whatever a role may open; "My account" always shows."""

    items: list[NavItem]
    more: list[NavItem]
    account: NavItem | None

    @property
    def more_current(self) -> bool:
        return any(item.current for item in self.more)


# How many links stand in the header's row before the rest folds under "More".
ROW_LENGTH = 5


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def main_navigation(context) -> Navigation:
    """Links for the header: the public sociale kaart for everyone, one's own work for those
    allowed, in order of how often it is needed (the first ``ROW_LENGTH`` stand in the row).

    The most specific link whose address starts the current path is marked as current.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if permissions.needs_two_factor(user) and not getattr(user, "is_verified", bool)():
        user = None  # only the public links until the second factor is passed
    signed_in = bool(user and user.is_authenticated)
    links = [
        (_("Sociale kaart"), "directory:search", True),
        # Signed in, the header holds one's own pages (on one row at 1280 px); the map and
        # "how it works" stay a click away in the footer (footer_navigation).
        (_("Map"), "directory:map", not signed_in),
        (_("How it works"), "worktables:about", not signed_in),
        (_("My page"), "participants:my_page", permissions.can_start_own_record(user)),
        (_("Participants"), "participants:list", permissions.can_list_participants(user)),
        (_("Werktafels"), "worktables:list", permissions.worktables_of(user).exists()),
        (_("Monitor"), "monitor:dashboard", permissions.can_view_monitor(user)),
        (_("My entries"), "directory:editor_dashboard", permissions.can_use_directory_editor(user)),
        (_("To review"), "directory:review_queue", permissions.can_review_directory(user)),
        (_("Signals"), "signals:list", permissions.can_view_signals(user)),
        (_("Buddies"), "buddies:home", permissions.can_use_buddies(user)),
        (
            _("Telephone circles"),
            "circles:list",
            permissions.can_run_circles(user) or permissions.circles_of(user).exists(),
        ),
        (_("Kwartiermaken"), "outreach:approaches", permissions.can_view_approaches(user)),
        (_("Steunpunten"), "directory:coverage", permissions.can_view_coverage(user)),
        (_("Surveys"), "surveys:results", permissions.can_view_survey_results(user)),
        (_("Administration"), "admin:index", permissions.can_use_admin(user)),
        (_("My account"), "accounts:account", signed_in),
    ]
    found = [(label, url) for label, name, allowed in links if allowed and (url := _url(name))]
    path = getattr(request, "path", "")
    matching = [url for _label, url in found if path.startswith(url)]
    current = max(matching, key=len) if matching else None
    items = [NavItem(str(label), url, url == current) for label, url in found]
    account = items.pop() if signed_in else None  # "My account" is always the last link
    if len(items) > ROW_LENGTH + 1:
        return Navigation(items=items[:ROW_LENGTH], more=items[ROW_LENGTH:], account=account)
    return Navigation(items=items, more=[], account=account)


@register.simple_tag
def footer_navigation() -> list[NavItem]:
    """The public pages, for everyone, at the foot of every page."""
    links = [
        (_("Search the sociale kaart"), "directory:search"),
        (_("Map of the sociale kaart"), "directory:map"),
        (_("How the steunsysteem works"), "worktables:about"),
    ]
    return [NavItem(str(label), url, False) for label, name in links if (url := _url(name))]
