"""What the log-in lockout (django-axes) keeps about a failed log-in: no name, no address.

Axes counts failures per user name and client address in ``AccessAttempt`` rows, which live
until ``LOGIN_LOCKOUT_MINUTES`` after the last failure. Stored as typed, those rows would
hold whatever someone entered as user name (often a person's name or e-mail address, or a
password typed in the wrong field) and their full IP address. So axes gets, through
``AXES_USERNAME_CALLABLE`` and ``AXES_CLIENT_IP_CALLABLE``:

- the user name as a keyed hash (HMAC-SHA-256 with a key derived from ``SECRET_KEY``): the
  same name always gives the same value, so counting and the lockout work as before, but
  the table alone does not give the name back, nor can it be guessed without the key;
- the network the request came from instead of the address: the first address of the /24
  (IPv4) or /48 (IPv6), the same network the audit trail records
  (``accounts.audit.client_network``). The lockout then holds for that user name from the
  whole network, which is a little stricter, never looser.
"""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from .client_address import client_ip

_KEY_SALT = "steunsysteem.core.login_lockout.username"
USERNAME_FIELD = "username"


def username_key(username: str) -> str:
    """The value the lockout stores for ``username``: the same for the same name."""
    return salted_hmac(_KEY_SALT, username, algorithm="sha256").hexdigest()


def lockout_username(request: HttpRequest | None, credentials: dict | None = None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the typed user name (from the credentials, else the
    form), as ``username_key``; None when none was typed."""
    if credentials:
        username = credentials.get(USERNAME_FIELD)
    else:
        username = request.POST.get(USERNAME_FIELD) if request is not None else None
    return username_key(username) if username else None


def client_network_address(request: HttpRequest) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the first address of the client's /24 or /48 network."""
    address = client_ip(request)
    if address is None:
        return None
    ip = ipaddress.ip_address(address)
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)
