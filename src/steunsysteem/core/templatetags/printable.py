"""``{{ value|printable }}``: the value without characters an SVG, PDF or calendar cannot
hold (``core.printable``)."""

from django import template

from steunsysteem.core.printable import printable_text

register = template.Library()


@register.filter(is_safe=True)
def printable(value) -> str:
    """Safe for escaping as before: it only removes characters, it never adds markup."""
    return printable_text(value)
