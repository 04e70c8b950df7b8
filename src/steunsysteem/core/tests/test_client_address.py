"""Behind a reverse proxy, the lockout, the rate limits and the audit trail all see the
client's address from the proxy's header, and nobody can fake it by sending the header."""

import pytest
from django.test import RequestFactory

from steunsysteem.accounts.audit import client_network
from steunsysteem.core.client_address import client_ip


def request_with(**meta):
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_connection_address_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    request = request_with(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert client_ip(request) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_added_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    request = request_with(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")

    assert client_ip(request) == "203.0.113.7"
    assert client_network(request) == "203.0.113.0/24"


def test_behind_two_proxies_the_second_entry_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    request = request_with(
        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.1"
    )

    assert client_ip(request) == "203.0.113.7"


def test_a_missing_or_broken_header_gives_no_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_with(REMOTE_ADDR="10.0.0.2")) is None
    assert client_ip(request_with(HTTP_X_FORWARDED_FOR="niet-een-adres")) is None


@pytest.mark.django_db
def test_axes_uses_the_same_address_as_its_network(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    request = request_with(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert get_client_ip_address(request) == "203.0.113.0"  # the /24 of the audit trail


def test_the_lockout_keeps_the_network_and_a_keyed_hash_of_the_name_only(settings):
    from steunsysteem.core.login_lockout import (
        client_network_address,
        lockout_username,
        username_key,
    )

    settings.TRUSTED_PROXY_COUNT = 0
    form = RequestFactory().post("/", {"username": "janny"}, REMOTE_ADDR="203.0.113.7")

    assert client_network_address(form) == "203.0.113.0"
    assert client_network_address(request_with(REMOTE_ADDR="2001:db8:aa:bb::1")) == "2001:db8:aa::"
    assert client_network_address(request_with(REMOTE_ADDR="onzin")) is None
    assert lockout_username(form) == lockout_username(form, {"username": "janny"})
    assert lockout_username(form) == username_key("janny") != "janny"
    assert lockout_username(form, {"username": ""}) is None
    key = username_key("janny")
    settings.SECRET_KEY = "een-andere-sleutel"
    assert username_key("janny") != key  # without the key, a name cannot be tried out
