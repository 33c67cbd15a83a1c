"""Test suite: same as dev, with fast hashing and no noise."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-pas-a-pas"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
# Static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Django's test client logs in without a request, which the lockout backend refuses;
# home/tests/test_login_hardening.py switches it back on to test it.
AXES_ENABLED = False
# No background flush of the search statistics: the tests flush when they mean to.
SEARCH_HITS_FLUSH_SECONDS = 0
