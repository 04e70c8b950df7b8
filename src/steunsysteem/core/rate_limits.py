"""Rate limits per client address (django-ratelimit), with their rates in settings.

``rate_limited("login", method="POST")`` limits a view to ``settings.RATE_LIMITS["login"]``
requests per client address; over the limit the visitor gets ``core.views.too_many_requests``
(a calm page, or problem+json for the API). The rate is read per request, so ``None`` (the
test settings) means no limit and ``override_settings`` takes effect at once.
"""

from __future__ import annotations

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.decorators import ratelimit

from .client_address import client_ip_key


def _rate_for(name: str):
    def rate(group, request) -> str | None:
        return settings.RATE_LIMITS.get(name)

    return rate


def rate_limited(name: str, *, method=ALL):
    return ratelimit(
        group=f"steunsysteem.{name}", key=client_ip_key, rate=_rate_for(name), method=method
    )
