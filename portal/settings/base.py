"""Settings shared by every environment. Secrets and hosts live in production.py."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "home",
    "guides",
    "locations",
    "partners",
    "search",
    "activity",
    "workshops",
    "diagnostic",
    "followup",
    # Translations: wagtail-localize's translation workflow (PO export/import for volunteer
    # translators, synced pages). Its locales app replaces wagtail.locales (same label).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # Outermost: a HEAD response loses its body whoever produced it (gunicorn sends it as is).
    "portal.http_head.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.security_headers.SecurityHeadersMiddleware",
    "home.page_cache.PageCacheMiddleware",
    # Repeated searches of the site's own words, answered from the shared cache and counted.
    "search.middleware.SharedSearchMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL (/en/…, /ar/…; French unprefixed), never from a cookie.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    # What club staff may never do in the admin (needs the user and messages above).
    "locations.admin_guard.AdminGuardMiddleware",
    # An admin upload that the media storage refused: a French message, not a server error.
    "home.storage_guard.StorageGuardMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for a web server (one server, one file): readers never wait for the writer (WAL,
    # synced at checkpoints, safe against a crash of the server); a writer takes the lock when
    # its transaction begins (IMMEDIATE) and waits up to 20 s for another's to end, where the
    # default (DEFERRED) fails a publish with "database is locked" as soon as two writers meet.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the shared cache when REDIS_URL is set; otherwise each process keeps its own.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis behind a breaker: an outage degrades to "no cache", never to an
            # error page, a flood of logs or a timeout per request (portal/cache.py).
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Keys are this site's alone: another site (or test process) may share the Redis.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pasapas"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How often each server process writes the searches it counted to the editors' statistics
# (search.hits): visitors' searches never write to the database themselves.
SEARCH_HITS_FLUSH_SECONDS = int(os.environ.get("SEARCH_HITS_FLUSH_SECONDS", "60"))
# How long a rendered page may be served from the shared cache: the longest a page can stay
# stale if a publish could not reach the shared cache (see home/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin login hardening: 5 failed attempts for one account from one address lock it for
# 15 minutes. Attempts live in the database, so every app server sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin_lockout.html"
# Behind the TLS proxy every request comes from the proxy: the lockout reads the visitor's
# address from X-Forwarded-For, believed only from these proxies (addresses or networks).
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("DJANGO_TRUSTED_PROXIES", "").split(",") if p.strip()]
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.client_ip"

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# French is the source; guides are translated with wagtail-localize (no machine translation
# backend: WAGTAILLOCALIZE_MACHINE_TRANSLATOR is left unset, the server calls no service).
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]
# The chrome's words (Django's gettext catalogs, compiled by `make`).
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates shown and typed the French way in the admin (19/07/2027, 14:30), whatever the
# admin language; French-locale forms parse them (DATE_INPUT_FORMATS when no locale says).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%H h %M"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Privacy baseline: nothing is stored on a visitor's machine unless they log in to the admin.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Public pages: our own origin only.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
# The Wagtail admin: scripts from our origin only; it needs inline styles (style attributes set
# by its scripts and templates), data:/blob: images (previews, uploads) and its own preview frame.
ADMIN_CSP_PREFIXES = ("/admin/",)
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; font-src 'self'; connect-src 'self'; frame-src 'self'; "
    "form-action 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'"
)
# Django's own admin keeps no CSP header of ours.
CSP_EXEMPT_PREFIXES = ("/django-admin/",)

WAGTAIL_SITE_NAME = "Pas à pas"
# The admin calls no third party: no upgrade check (releases.wagtail.org), no gravatar.com.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Set by the deployer: `migrate` then makes the default Site follow it (home.skeleton). Without
# it, a Site address set in the admin is left alone.
PUBLIC_ADDRESS_FROM_ENVIRONMENT = "WAGTAILADMIN_BASE_URL" in os.environ
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Used by the PostgreSQL backend: French stemming and stop words.
        "SEARCH_CONFIG": "french",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "svg", "webp"]

# The six-month follow-up encrypts its contacts (followup.crypto): Fernet keys, newest first,
# comma-separated, from the environment. Development and tests fall back on a public key that
# `check --deploy` refuses (pasapas.E004).
FOLLOWUP_KEYS = [key.strip() for key in os.environ.get("FOLLOWUP_KEYS", "").split(",") if key.strip()]
FOLLOWUP_DEVELOPMENT_KEY = "cGFzLWEtcGFzLWRldmVsb3BtZW50LW9ubHkta2V5ISE="  # noqa: S105

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"one_line_warning": {"()": "portal.log_filters.OneLineWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # A bad Host header is a scanner's probe, not a server error: one WARNING line.
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "filters": ["one_line_warning"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}
