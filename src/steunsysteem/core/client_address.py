"""The address a request comes from, also behind reverse proxies.

One function for the log-in lockout (django-axes), the rate limits and the audit trail, so
all three see the same client. Each trusted proxy appends the address it received the
request from to ``CLIENT_IP_HEADER`` (as nginx's ``$proxy_add_x_forwarded_for`` does), so
with N trusted proxies the client is the N-th entry from the right; entries further left
are whatever the client sent and are never trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address, or None when the request carries no usable address."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get(settings.CLIENT_IP_HEADER, "").split(",")]
        candidate = hops[-proxies] if len(hops) >= proxies else ""
    else:
        candidate = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def client_ip_key(group: str, request: HttpRequest) -> str:
    """The rate-limit key (django-ratelimit): the client address, or one shared bucket."""
    return client_ip(request) or "unknown"
