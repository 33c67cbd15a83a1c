"""The key that encrypts the cohort's contacts (Fernet: AES-128-CBC + HMAC-SHA256).

FOLLOWUP_KEYS (settings, from the environment variable of the same name) lists Fernet keys,
newest first: new values are encrypted with the first, any of them decrypts. To rotate: put a
new key first, run `rotate_followup_key`, then drop the old one. The development and test
settings fall back on settings.FOLLOWUP_DEVELOPMENT_KEY, public by design; `check --deploy`
refuses it (followup.checks). Without any key, nothing is encrypted or decrypted: an error, never clear text.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "decrypt", "encrypt", "new_key", "rotate"]


def development_key():
    return getattr(settings, "FOLLOWUP_DEVELOPMENT_KEY", "")


def configured_keys():
    return [key.strip() for key in getattr(settings, "FOLLOWUP_KEYS", None) or [] if key.strip()]


@lru_cache(maxsize=4)
def _cipher(keys):
    return MultiFernet([Fernet(key.encode()) for key in keys])


def cipher():
    keys = tuple(configured_keys())
    if not keys:
        raise ImproperlyConfigured(
            "FOLLOWUP_KEYS est vide : le suivi à six mois ne peut ni chiffrer ni lire les coordonnées. "
            "Générez une clé (python manage.py rotate_followup_key --new-key) et définissez FOLLOWUP_KEYS."
        )
    return _cipher(keys)


def encrypt(value):
    return cipher().encrypt(value.encode()).decode("ascii")


def decrypt(token):
    return cipher().decrypt(token.encode("ascii")).decode()


def rotate(token):
    """The same value, encrypted with the newest key."""
    return cipher().rotate(token.encode("ascii")).decode("ascii")


def new_key():
    return Fernet.generate_key().decode("ascii")


def is_valid_key(key):
    try:
        Fernet(key.encode())
    except (ValueError, TypeError):
        return False
    return True
