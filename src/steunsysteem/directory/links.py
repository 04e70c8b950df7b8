"""Which links the sociale kaart accepts and shows as links.

A link that a visitor or another system may follow is a web address (``http:``, ``https:``),
an e-mail (``mailto:``) or a telephone number (``tel:``). Other schemes are refused on import
and in the editor, and never rendered as a link: ``javascript:`` and ``data:`` run code in the
visitor's browser, ``file:`` and the like point into someone's own computer.
"""

from __future__ import annotations

import re

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")
LINK_SCHEMES = (*WEB_SCHEMES, "mailto", "tel")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)

web_address_validator = URLValidator(
    schemes=list(WEB_SCHEMES),
    message=_("Enter a web address that starts with https:// or http://."),
)


def scheme_of(value: str) -> str:
    """The scheme of a link in lower case ("https"), or "" when it has none."""
    match = SCHEME.match(value)
    return match.group(1).lower() if match else ""


def is_safe_link(value: str) -> bool:
    """True for a link that may be followed: one of :data:`LINK_SCHEMES`, nothing before it."""
    return scheme_of(value) in LINK_SCHEMES
