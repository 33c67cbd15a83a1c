"""Deploy checks of our own: the public address every absolute URL is built from."""

import ipaddress
from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, Tags, register

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", ""}


def is_loopback(hostname):
    if hostname.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


@register(Tags.security, deploy=True)
def public_address_check(app_configs, **kwargs):
    """The sitemap, exports, JSON-LD, iCal and QR codes say WAGTAILADMIN_BASE_URL: in production it
    must be the site's real https address, never the development default."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    parsed = urlparse(base)
    if parsed.scheme != "https" or not parsed.hostname or is_loopback(parsed.hostname):
        return [
            Error(
                f"WAGTAILADMIN_BASE_URL vaut « {base or '(vide)'} » : indiquez l'adresse publique du "
                "site, en https (ex. : https://pasapas.example.org). Elle sert au plan du site, aux "
                "exports de données ouvertes, aux QR codes et aux agendas.",
                id="pasapas.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def trusted_proxies_check(app_configs, **kwargs):
    """The admin login lockout counts failures per username and visitor address. Behind the TLS
    proxy the site expects, the connection's address is the proxy's, the same for everyone: a
    stranger's five wrong passwords would lock a staff member out. The proxy must be named, so
    that the visitor's address is read from X-Forwarded-For (portal.client_ip)."""
    if getattr(settings, "TRUSTED_PROXIES", None):
        return []
    return [
        Error(
            "DJANGO_TRUSTED_PROXIES est vide : indiquez l'adresse (ou le réseau) du proxy TLS placé "
            "devant le site (ex. : 127.0.0.1). Sans elle, tous les visiteurs ont l'adresse du proxy, "
            "et cinq mauvais mots de passe tapés par n'importe qui bloqueraient un compte de l'équipe.",
            id="pasapas.E002",
        )
    ]
