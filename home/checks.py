"""Deploy checks of our own: the public address every absolute URL is built from, the compiled
translations of the interface."""

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .media import media_origin

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


def stale_catalogs(locale_paths):
    """The gettext catalogs (.po) whose compiled .mo is missing or older than them."""
    return [
        po
        for folder in locale_paths
        for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po"))
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]


@register(Tags.translation, deploy=True)
def compiled_translations_check(app_configs, **kwargs):
    """Without its .mo, an English or Arabic page shows the site's own words in French."""
    stale = stale_catalogs(settings.LOCALE_PATHS)
    if not stale:
        return []
    languages = ", ".join(po.parts[-3] for po in stale)  # locale/<language>/LC_MESSAGES/django.po
    return [
        Error(
            f"Traductions de l'interface non compilées ou périmées (langues : {languages}) : les pages "
            "en anglais et en arabe s'afficheraient en français. Lancez deploy/install.sh, ou "
            "« python manage.py compilemessages --ignore .venv » (paquet gettext nécessaire).",
            id="pasapas.E003",
        )
    ]


# Where media would be: set without a bucket, they are ignored (AWS_CA_BUNDLE and the like are
# the machine's, not the site's).
MEDIA_LOCATION_VARIABLES = ("AWS_S3_ENDPOINT_URL", "AWS_S3_REGION_NAME", "AWS_S3_CUSTOM_DOMAIN")


def media_storage_warnings(storage, environ, origin, public_address):
    """[(check id, message)]: what is missing for media on an S3-compatible bucket that browsers
    can show."""
    problems = []
    if "S3" not in storage["BACKEND"]:
        stray = [name for name in MEDIA_LOCATION_VARIABLES if environ.get(name)]
        if stray:
            problems.append(
                (
                    "pasapas.W001",
                    f"{', '.join(stray)} défini sans AWS_STORAGE_BUCKET_NAME : les médias restent sur le "
                    "disque local de ce serveur (un seul serveur d'application).",
                )
            )
        return problems
    options = storage.get("OPTIONS", {})
    if not (options.get("endpoint_url") or options.get("region_name") or options.get("custom_domain")):
        problems.append(
            (
                "pasapas.W002",
                "Médias sur S3 sans AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME ni AWS_S3_CUSTOM_DOMAIN : "
                "indiquez où est le stockage (hors Amazon : son adresse).",
            )
        )
    if not (environ.get("AWS_ACCESS_KEY_ID") and environ.get("AWS_SECRET_ACCESS_KEY")):
        problems.append(
            (
                "pasapas.W003",
                "Médias sur S3 sans AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY : les envois échoueront, "
                "sauf si le serveur tient ses droits d'ailleurs (rôle d'instance).",
            )
        )
    if origin.startswith("http://") and public_address.startswith("https://"):
        problems.append(
            (
                "pasapas.W004",
                f"Les images seraient servies par {origin} (http) sur un site en https : les navigateurs "
                "les bloquent. Donnez une adresse https (AWS_S3_ENDPOINT_URL ou AWS_S3_CUSTOM_DOMAIN).",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def media_storage_check(app_configs, **kwargs):
    """Incomplete media settings: warnings (a site without images still answers)."""
    problems = media_storage_warnings(
        settings.STORAGES["default"], os.environ, media_origin(), settings.WAGTAILADMIN_BASE_URL or ""
    )
    return [Warning(message, id=check_id) for check_id, message in problems]


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
