"""TLS for a PostgreSQL server on another computer: required unless the lead opts out (SPEC 12).

A URL whose host is this computer (``localhost``, ``127.x.x.x``, ``::1``) or a Unix socket
(no host, or a host that is a folder) is left as it is. Any other host gets
``sslmode=require`` when the URL names no ``sslmode``; ``require``, ``verify-ca`` and
``verify-full`` are kept. ``disable``, ``allow`` or ``prefer`` — which may send names and
notes across the network in the clear — are refused unless the environment variable
``COACHDESK_ALLOW_PLAINTEXT=1`` says the lead has decided otherwise (a network they trust).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

from sqlalchemy.engine import URL

from coachdesk.errors import UserError

PLAINTEXT_ENV = "COACHDESK_ALLOW_PLAINTEXT"
SECURE = ("require", "verify-ca", "verify-full")
PLAIN = ("disable", "allow", "prefer")


def _local(host: str) -> bool:
    host = host.strip().strip("[]")
    if not host or host.startswith("/") or host.startswith("@"):
        return True  # a Unix socket folder (or Linux's abstract socket namespace)
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _hosts(url: URL) -> list[str]:
    hosts: list[str] = []
    if url.host:
        hosts.extend(url.host.split(","))
    for key in ("host", "hostaddr"):
        value = url.query.get(key)
        values = [value] if isinstance(value, str) else list(value or ())
        for v in values:
            hosts.extend(v.split(","))
    return hosts or [""]


def is_remote(url: URL) -> bool:
    """True when any host the URL may connect to is another computer."""
    return not all(_local(h) for h in _hosts(url))


def plaintext_allowed(environ: Mapping[str, str] | None = None) -> bool:
    value = (os.environ if environ is None else environ).get(PLAINTEXT_ENV, "")
    return value.strip().lower() in ("1", "yes", "true")


def require_tls(url: URL, *, allow_plaintext: bool = False) -> URL:
    """The URL to connect with: ``sslmode=require`` added for a remote server, or a refusal."""
    if url.get_backend_name() != "postgresql" or not is_remote(url):
        return url
    mode = url.query.get("sslmode")
    if mode is None:
        return url.update_query_dict({"sslmode": "require"})
    mode = mode if isinstance(mode, str) else mode[-1]
    if mode in SECURE or allow_plaintext:
        return url
    raise UserError(
        f"The database server {url.host} is on another computer and the address asks for "
        f"sslmode={mode}, which may send the hub's records across the network unencrypted. "
        "Remove sslmode from the address (coachdesk then requires TLS), or use "
        "sslmode=verify-full. If the network is trusted and the server cannot use TLS, set "
        f"the environment variable {PLAINTEXT_ENV}=1 to connect anyway. Nothing was opened."
    )
