"""Error pages are calm, in Dutch, and show nothing about the request or a person."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import include, path


def broken_view(request):
    raise RuntimeError("Janny de Vries, janny@example.nl")


urlpatterns = [path("kapot/", broken_view), path("", include("steunsysteem.urls"))]


@pytest.mark.django_db
def test_a_missing_page_says_so_without_repeating_the_address(client):
    response = client.get("/bestaat-niet/?email=janny@example.nl")

    assert response.status_code == 404
    main = re.search(r"<main.*</main>", response.content.decode(), re.S).group()
    assert "Deze pagina bestaat niet" in main
    assert "janny" not in main


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_shows_no_details():
    response = Client(raise_request_exception=False).get("/kapot/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "Janny" not in page and "janny@example.nl" not in page
