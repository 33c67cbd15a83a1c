"""Test suite: same as dev, with fast hashing and no noise."""

import os

from .base import *  # noqa: F403

# `make test` runs the suite in several processes (pytest-xdist: gw0, gw1, …). pytest-django gives
# each its own test database; each also gets its own files and its own keys in a shared Redis.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")

DEBUG = False
SECRET_KEY = "test-only-not-secret-pas-a-pas"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "media-test" / WORKER  # noqa: F405
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] += f"-test-{WORKER}"  # noqa: F405
# Static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Django's test client logs in without a request, which the lockout backend refuses;
# home/tests/test_login_hardening.py switches it back on to test it.
AXES_ENABLED = False
# No background flush of the search statistics: the tests flush when they mean to.
SEARCH_HITS_FLUSH_SECONDS = 0
# The follow-up's contacts: a real key if one is given, otherwise the public development key.
FOLLOWUP_KEYS = FOLLOWUP_KEYS or [FOLLOWUP_DEVELOPMENT_KEY]  # noqa: F405
