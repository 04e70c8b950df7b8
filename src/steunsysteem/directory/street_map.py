"""The sociale kaart's street map: Leaflet over a configurable tile service.

The server-drawn SVG (map_layout) stays the map without JavaScript; with JavaScript,
directory/map.js draws the same places over street tiles (MAP_TILE_URL, by default the
Dutch government's PDOK BRT-Achtergrondkaart). Only the map page lets the browser fetch
images from the tile host: the Content-Security-Policy names that one host and no other.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from .map_layout import MapPlace


def tile_origin(tile_url: str) -> str | None:
    """The scheme and host the tiles come from, for the Content-Security-Policy.

    None for tiles on this site itself (a path) or for no tile service. A ``{s}`` subdomain
    placeholder becomes a wildcard for that one level (``https://*.tile.example``).
    """
    parts = urlsplit(tile_url)
    if not parts.scheme or not parts.netloc:
        return None
    host = parts.netloc.replace("{s}.", "*.")
    if "{" in host or "}" in host:
        raise ValueError("MAP_TILE_URL may only have {s} as a placeholder in its host.")
    return f"{parts.scheme}://{host}"


def csp_update() -> dict:
    """The Content-Security-Policy addition of the map page: images from the tile host."""
    origin = tile_origin(settings.MAP_TILE_URL)
    return {"img-src": [origin]} if origin else {}


def config() -> dict | None:
    """What map.js needs besides the places; None when no tile service is configured."""
    if not settings.MAP_TILE_URL:
        return None
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "maxZoom": settings.MAP_TILE_MAX_ZOOM,
        "label": _("Street map of the places"),
        "zoomIn": _("Zoom in"),
        "zoomOut": _("Zoom out"),
        "more": _("Activities here"),
    }


def places(map_places: list[MapPlace]) -> list[dict]:
    """Each place with its position, colour and activities (each linking to its page)."""
    return [
        {
            "lat": float(place.location.latitude),
            "lon": float(place.location.longitude),
            "name": place.location.name or _("Location"),
            "colour": place.colour,
            "services": [
                {
                    "name": service.name,
                    "url": reverse("directory:service_detail", args=[service.pk]),
                }
                for service in place.services
            ],
        }
        for place in map_places
    ]


def config_json() -> str:
    """config() as JSON for the map element's data attribute ("" without a tile service)."""
    value = config()
    return json.dumps(value) if value else ""


def places_json(map_places: list[MapPlace]) -> str:
    return json.dumps(places(map_places))
