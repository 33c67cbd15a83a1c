"""Production: every secret and host comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY doit être défini en production.")
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Behind a TLS-terminating proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405

# Hashed, compressed static files served by WhiteNoise.
# DJANGO_STATIC_COMPRESS=0 skips the gzip/brotli copies (quicker collectstatic in tests).
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if os.environ.get("DJANGO_STATIC_COMPRESS", "1") == "1"
    else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# One JSON object per line on stdout: easy to ship and to search across app servers.
LOGGING["formatters"]["json"] = {  # noqa: F405
    "()": "pythonjsonlogger.json.JsonFormatter",
    "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
}
LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405
LOGGING["root"]["level"] = os.environ.get("DJANGO_LOG_LEVEL", "INFO")  # noqa: F405
# Wagtail runs its index updates as tasks and logs each one: noise at INFO.
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}  # noqa: F405

# Media on S3-compatible storage when several app servers share them. A bucket that is down or
# hangs costs a few seconds, never a worker's whole timeout: short connect/read timeouts, one
# retry; then home.media stops asking for MEDIA_STORAGE_RETRY_AFTER seconds.
MEDIA_STORAGE_RETRY_AFTER = int(os.environ.get("MEDIA_STORAGE_RETRY_AFTER", "30"))
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    from botocore.config import Config

    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Objects stay private; the bucket policy (README) lets anyone read the images only.
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            "client_config": Config(
                connect_timeout=float(os.environ.get("AWS_S3_CONNECT_TIMEOUT", "2")),
                read_timeout=float(os.environ.get("AWS_S3_READ_TIMEOUT", "5")),
                retries={"total_max_attempts": 2, "mode": "standard"},
            ),
        },
    }
    # Documents are not public in the bucket: Wagtail sends them itself (and checks their privacy).
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# A CDN or caching proxy in front: Wagtail purges a page's URLs when it is published.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
