"""One HSDS cell to a model value (import) and back to CSV text (export).

The data package says what a column holds (a UUID, a number, a date, one of a list); the model
field says how it is stored (a whole number, a float, text of at most so many characters).
Both are checked, so that what is imported can be saved and exported again as valid HSDS.
"""

from __future__ import annotations

import datetime
import math
import re
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ..links import is_safe_link, scheme_of
from .tables import Column

UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URI_PATTERN = re.compile(r"^[a-z][a-z0-9+.\-]*:\S+$", re.I)
# The strictest range of the supported databases (PostgreSQL).
INTEGER_MAX = {"PositiveSmallIntegerField": 32767, "PositiveIntegerField": 2147483647}


class InvalidValue(ValueError):
    """The reason a cell cannot be imported, for the person who fixes the file."""


def _shown(raw: Any) -> str:
    text = str(raw)
    return f'"{text[:57]}..."' if len(text) > 60 else f'"{text}"'


def parse(column: Column, raw: Any) -> Any:
    """The model value of one cell; raises :class:`InvalidValue` when the cell is wrong."""
    if raw is None or raw == "":
        if column.required:
            raise InvalidValue(_("a value is required"))
        return None if column.field.null else ""
    if isinstance(raw, bool | dict | list):
        raise InvalidValue(_("%(value)s is not a single value") % {"value": _shown(raw)})
    if column.enum and str(raw) not in column.enum:
        raise InvalidValue(
            _("%(value)s is not one of %(choices)s")
            % {"value": _shown(raw), "choices": ", ".join(column.enum)}
        )
    field = column.field
    if column.format == "uuid" or isinstance(field, models.UUIDField):
        return _uuid(raw)
    if isinstance(field, models.DateTimeField):
        return _datetime(raw)
    if isinstance(field, models.DateField):
        return _date(raw)
    if isinstance(field, models.TimeField):
        return _time(raw)
    if isinstance(field, models.IntegerField):
        return _integer(raw, field)
    if isinstance(field, models.FloatField):
        return float(_number(raw))
    if isinstance(field, models.DecimalField):
        return _decimal(raw, field)
    return _text(column, str(raw))


def _uuid(raw: Any) -> uuid.UUID:
    if not isinstance(raw, str) or not UUID_PATTERN.match(raw):
        raise InvalidValue(_("%(value)s is not a valid UUID") % {"value": _shown(raw)})
    return uuid.UUID(raw)


def _number(raw: Any) -> Decimal:
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise InvalidValue(_("%(value)s is not a number") % {"value": _shown(raw)})
    return number


def _integer(raw: Any, field: models.Field) -> int:
    number = _number(raw)
    if number != number.to_integral_value():
        raise InvalidValue(_("%(value)s is not a whole number") % {"value": _shown(raw)})
    maximum = INTEGER_MAX.get(field.get_internal_type())
    if maximum is not None and not 0 <= number <= maximum:
        raise InvalidValue(
            _("%(value)s is not between 0 and %(maximum)s")
            % {"value": _shown(raw), "maximum": maximum}
        )
    return int(number)


def _decimal(raw: Any, field: models.DecimalField) -> Decimal:
    number = _number(raw)
    if number != number.quantize(Decimal(1).scaleb(-field.decimal_places)):
        raise InvalidValue(
            _("%(value)s has more than %(places)s decimals")
            % {"value": _shown(raw), "places": field.decimal_places}
        )
    if abs(number) >= Decimal(10) ** (field.max_digits - field.decimal_places):
        raise InvalidValue(_("%(value)s is too large") % {"value": _shown(raw)})
    return number


def _date(raw: Any) -> datetime.date:
    try:
        if DATE_PATTERN.match(str(raw)):
            return datetime.date.fromisoformat(str(raw))
    except ValueError:
        pass
    raise InvalidValue(_("%(value)s is not a date (YYYY-MM-DD)") % {"value": _shown(raw)})


def _datetime(raw: Any) -> datetime.datetime:
    try:
        value = datetime.datetime.fromisoformat(str(raw))
    except ValueError:
        raise InvalidValue(
            _("%(value)s is not a date and time (like 2024-05-01T10:30:00Z)")
            % {"value": _shown(raw)}
        ) from None
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


def _time(raw: Any) -> datetime.time:
    try:
        value = datetime.time.fromisoformat(str(raw))
    except ValueError:
        raise InvalidValue(
            _("%(value)s is not a time (HH:MM:SS)") % {"value": _shown(raw)}
        ) from None
    return value.replace(tzinfo=None)


def _text(column: Column, value: str) -> str:
    if column.format == "email":
        try:
            validate_email(value)
        except ValidationError:
            raise InvalidValue(
                _("%(value)s is not an e-mail address") % {"value": _shown(value)}
            ) from None
    if _is_link(column):
        if not URI_PATTERN.match(value):
            raise InvalidValue(
                _("%(value)s is not a URI (it must start with a scheme, like https:)")
                % {"value": _shown(value)}
            )
        if not is_safe_link(value):
            raise InvalidValue(
                _(
                    "%(value)s starts with %(scheme)s:, which is not allowed for a link; use "
                    "a web address (https:, http:), mailto: or tel:"
                )
                % {"value": _shown(value), "scheme": scheme_of(value)}
            )
    max_length = column.field.max_length
    if max_length and len(value) > max_length:
        raise InvalidValue(
            _("%(value)s is longer than %(max)s characters")
            % {"value": _shown(value), "max": max_length}
        )
    return value


def _is_link(column: Column) -> bool:
    """A URI column (``service_area.uri`` is one too, though the data package gives no format)."""
    return (
        column.format == "uri"
        or isinstance(column.field, models.URLField)
        or (column.name == "uri")
    )


# Spreadsheet programs read a cell that starts with one of these as a formula (OWASP, "CSV
# injection"): =HYPERLINK(...) leaks data when clicked, +cmd|... starts a program (DDE).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A number or phone number ("-4.89", "+31 (0)20 123 45 67"): no letters, quotes, "|" or "!",
# so no function, cell reference or program; a spreadsheet can only show it as a number.
NUMBER_LIKE = re.compile(r"^[+-][0-9 ().,/+-]*$")


def _formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START) and not NUMBER_LIKE.match(text)


def neutralise_formula(text: str) -> str:
    """The text of a CSV cell that no spreadsheet runs as a formula.

    A cell starting with = + - @ tab or carriage return gets a leading apostrophe, which
    spreadsheets read as "this is text". Numbers and phone numbers are left as they are (see
    ``NUMBER_LIKE``). A cell that already starts with apostrophes before such a character gets
    one more, so :func:`restore_formula` gives back exactly the original text.
    """
    return "'" + text if _formula_like(text.lstrip("'")) else text


def restore_formula(text: str) -> str:
    """The original text of a cell written by :func:`neutralise_formula`."""
    if text.startswith("'") and _formula_like(text.lstrip("'")):
        return text[1:]
    return text


def to_text(value: Any) -> str:
    """A model value as the text of a CSV cell, in the form the HSDS data package expects."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and math.fabs(value) < 1e15 else repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime):
        utc = value.astimezone(datetime.UTC)
        return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
