"""Plain-language pieces of the public sociale kaart pages: times, costs, addresses."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from ..links import is_safe_link
from ..schedules import describe_schedule

register = template.Library()


@register.filter
def schedule_text(schedule) -> str:
    return describe_schedule(schedule)


@register.filter
def money(amount: Decimal | None) -> str:
    """€ 2,50 (in the visitor's language's number format); "Free" for nothing or zero."""
    if not amount:
        return _("Free")
    return "€ " + formats.number_format(amount, 2, use_l10n=True)


def _prices(service) -> list:
    return sorted(
        (option for option in service.cost_options.all() if option.amount and option.amount > 0),
        key=lambda option: option.amount,
    )


@register.filter
def cost_summary(service) -> str:
    """One line about costs for a result card, from the prefetched cost options."""
    prices = _prices(service)
    if not prices:
        unpriced = [o.option for o in service.cost_options.all() if o.amount is None and o.option]
        if unpriced:
            return unpriced[0]
        return service.fees_description.strip() or _("Free")
    cheapest = prices[0]
    text = money(cheapest.amount)
    if cheapest.amount_description:
        text = _("%(amount)s %(per)s") % {"amount": text, "per": cheapest.amount_description}
    if len(prices) > 1:
        text = _("from %(amount)s") % {"amount": text}
    return text


@register.filter
def all_schedules(service) -> list:
    """The service's own schedules and those of its places, from prefetched rows."""
    schedules = list(service.schedules.all())
    for service_at_location in service.service_at_locations.all():
        schedules.extend(service_at_location.schedules.all())
    return schedules


@register.filter
def one_line_address(location) -> str:
    """ "Marktplein 1, Partistad" for the location's first physical address, or ""."""
    for address in location.addresses.all():
        return ", ".join(part for part in (address.address_1, address.city) if part)
    return ""


@register.filter
def km(distance: float | None) -> str:
    if distance is None:
        return ""
    return _("%(distance)s km") % {"distance": formats.number_format(distance, 1, use_l10n=True)}


@register.filter
def link_href(value: str) -> str:
    """The value when it is a link that may be followed (``links.LINK_SCHEMES``), else ""."""
    return value if value and is_safe_link(value) else ""


@register.simple_tag
def crisis_help() -> dict:
    """The region's crisis lines (``settings.CRISIS_HELP``), for the crisis pointer."""
    return settings.CRISIS_HELP


@register.filter
def tel_href(number: str) -> str:
    """A tel: link for a phone number as people write it ("0800-0113" → "tel:08000113")."""
    return "tel:" + "".join(char for char in number if char.isdigit() or char == "+")
