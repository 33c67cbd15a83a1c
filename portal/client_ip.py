"""The visitor's real address behind the TLS proxy, for the admin login lockout.

`X-Forwarded-For` is believed only when the request comes from a proxy listed in
TRUSTED_PROXIES; anyone else could write any address there. Without trusted proxies, the
connection's own address is used."""

import ipaddress

from django.conf import settings


def _networks():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request):
    """The right-most address of X-Forwarded-For that is not one of our proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks()
    if not _is_trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not _is_trusted(address, networks):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # garbage in the header: fall back to the proxy, never trust it
    return remote
