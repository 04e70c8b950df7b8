"""The sociale kaart's street map: the tile service is a setting, and only the map page lets
the browser fetch images from that one host (Content-Security-Policy)."""

import html
import json

import pytest
from django.urls import reverse

from steunsysteem.directory.street_map import tile_origin
from steunsysteem.directory.tests.factories import (
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

MAP = reverse("directory:map")
PDOK = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"


@pytest.fixture
def choir():
    service = ServiceFactory(name="Zanggroep De Lijsters")
    location = LocationFactory(name="Buurthuis", latitude=52.08, longitude=5.45)
    ServiceAtLocationFactory(service=service, location=location)
    return service


def img_src(response):
    policy = response.headers["Content-Security-Policy"]
    directive = next(part.strip() for part in policy.split(";") if "img-src" in part)
    return directive.split()[1:]


def street_map_data(response, name):
    text = response.content.decode()
    start = text.index(f'{name}="') + len(name) + 2
    return json.loads(html.unescape(text[start : text.index('"', start)]))


def test_the_default_tile_service_is_pdok():
    from steunsysteem.conf.env import ENV_VARS

    assert ENV_VARS["MAP_TILE_URL"].default == PDOK


def test_the_tile_host_is_the_origin_of_the_tile_address():
    assert tile_origin(PDOK) == "https://service.pdok.nl"
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == (
        "https://*.tile.example.org"
    )
    assert tile_origin("/static/test-tiles/tile.png") is None
    assert tile_origin("") is None


def test_a_placeholder_in_the_host_other_than_s_is_refused():
    with pytest.raises(ValueError, match="MAP_TILE_URL"):
        tile_origin("https://{z}.tiles.example/{x}/{y}.png")


def test_the_map_page_allows_images_from_the_tile_host_and_no_other(client, settings, choir):
    settings.MAP_TILE_URL = PDOK

    response = client.get(MAP)

    assert img_src(response) == ["'self'", "data:", "https://service.pdok.nl"]
    assert street_map_data(response, "data-street-map")["tileUrl"] == PDOK


def test_other_pages_do_not_allow_the_tile_host(client, settings):
    settings.MAP_TILE_URL = PDOK

    response = client.get(reverse("directory:search"))

    assert img_src(response) == ["'self'", "data:"]


def test_a_local_tile_service_needs_no_addition_to_the_policy(client, choir):
    response = client.get(MAP)

    assert img_src(response) == ["'self'", "data:"]


def test_the_map_page_gives_each_place_with_links_to_its_activities(client, choir):
    response = client.get(MAP)

    places = street_map_data(response, "data-places")
    assert places == [
        {
            "lat": 52.08,
            "lon": 5.45,
            "name": "Buurthuis",
            "colour": places[0]["colour"],
            "services": [
                {
                    "name": "Zanggroep De Lijsters",
                    "url": reverse("directory:service_detail", args=[choir.pk]),
                }
            ],
        }
    ]
    config = street_map_data(response, "data-street-map")
    assert config["attribution"] == "Testkaart"
    assert 'src="/static/leaflet/leaflet.js"' in response.content.decode()


def test_without_a_tile_service_only_the_drawn_map_shows(client, settings, choir):
    settings.MAP_TILE_URL = ""

    response = client.get(MAP)

    text = response.content.decode()
    assert "data-street-map" not in text and "leaflet" not in text
    assert 'class="steunsysteem-map__point"' in text
    assert img_src(response) == ["'self'", "data:"]


def test_a_name_with_quotes_cannot_break_out_of_the_data_attribute(client, choir):
    choir.name = 'Koor "De Lijsters" <b>'
    choir.save()

    response = client.get(MAP)

    assert '<b>"' not in response.content.decode().split("data-places=")[1][:400]
    assert street_map_data(response, "data-places")[0]["services"][0]["name"] == (
        'Koor "De Lijsters" <b>'
    )
