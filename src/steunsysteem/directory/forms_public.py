"""The public search form of the sociale kaart (a GET form, so every search can be bookmarked)."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .constants import AccessFeature, LifeDomain, Weekday
from .models import District
from .search import SearchParams

DISTANCE_CHOICES = [
    ("", _("Any distance")),
    ("1", _("Within 1 km")),
    ("2", _("Within 2 km")),
    ("5", _("Within 5 km")),
    ("10", _("Within 10 km")),
    ("25", _("Within 25 km")),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), max_length=200, required=False)
    postcode = forms.CharField(
        label=_("Your postcode"),
        help_text=_("For example 3511 AB. We show how far away each place is."),
        max_length=7,
        required=False,
    )
    distance = forms.ChoiceField(label=_("Distance"), choices=DISTANCE_CHOICES, required=False)
    domain = forms.MultipleChoiceField(
        label=_("Life domain"), choices=LifeDomain.choices, required=False
    )
    district = forms.ChoiceField(label=_("District"), required=False)
    free = forms.BooleanField(label=_("Only free of charge"), required=False)
    steunpunt = forms.BooleanField(
        label=_("Only at a laagdrempelig steunpunt"),
        help_text=_(
            "A place to walk in, meet others and work on your recovery, run by experts by"
            " experience."
        ),
        required=False,
    )
    day = forms.MultipleChoiceField(
        label=_("Day of the week"), choices=Weekday.choices, required=False
    )
    access = forms.MultipleChoiceField(
        label=_("Accessibility"), choices=AccessFeature.choices, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        districts = District.objects.order_by("name").values_list("slug", "name")
        self.fields["district"].choices = [("", _("All districts")), *districts]

    def search_params(self) -> SearchParams:
        """What to search for; a value that is not valid is left out rather than refused."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        distance = data.get("distance")
        return SearchParams(
            text=data.get("q") or "",
            life_domains=tuple(data.get("domain") or ()),
            district=data.get("district") or "",
            free_only=bool(data.get("free")),
            at_support_point=bool(data.get("steunpunt")),
            weekdays=tuple(data.get("day") or ()),
            access_features=tuple(data.get("access") or ()),
            postcode=data.get("postcode") or "",
            max_distance_km=float(distance) if distance else None,
        )

    def filter_count(self) -> int:
        """How many filters beyond the words and the postcode are on (the folded filters)."""
        params = self.search_params()
        return (
            len(params.life_domains)
            + len(params.weekdays)
            + len(params.access_features)
            + bool(params.district)
            + params.free_only
            + params.at_support_point
            + (params.max_distance_km is not None)
        )

    def is_filtered(self) -> bool:
        """Whether the visitor asked for anything at all."""
        params = self.search_params()
        return any(
            [
                params.text.strip(),
                params.life_domains,
                params.district,
                params.free_only,
                params.at_support_point,
                params.weekdays,
                params.access_features,
                params.postcode.strip(),
            ]
        )


# The longest value each field of the search form takes (the page number included).
_CARRIED = {
    "q": 200,
    "postcode": 7,
    "distance": 3,
    "domain": 40,
    "district": 100,
    "free": 2,
    "steunpunt": 2,
    "day": 2,
    "access": 40,
    "page": 5,
}


def search_query(data: QueryDict) -> str:
    """The search's own part of a query string (words, filters, page), to carry the search
    along to a service or organisation page and back again.

    Only the search form's fields, within their lengths, are kept (no query needed: the search
    page checks the values again when the visitor goes back).
    """
    kept = QueryDict(mutable=True)
    for name, longest in _CARRIED.items():
        values = [value for value in data.getlist(name) if value.strip() and len(value) <= longest]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()
