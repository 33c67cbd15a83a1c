"""Local development: `make run`."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-pas-a-pas"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The follow-up's contacts: a real key if one is given, otherwise the public development key.
FOLLOWUP_KEYS = FOLLOWUP_KEYS or [FOLLOWUP_DEVELOPMENT_KEY]  # noqa: F405
