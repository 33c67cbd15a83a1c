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
