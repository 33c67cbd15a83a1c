"""Media files read from a storage that may fail (an S3-compatible bucket down or hanging).

An outage (no connection, a timeout, a server error) costs one log line and, for
MEDIA_STORAGE_RETRY_AFTER seconds, no new attempt in this process: pages and handouts go on
without the illustrations that need a new rendition (the renditions already made are in the
database, their addresses need no storage), instead of waiting for the storage's timeouts once
per image. A missing or broken file only loses its own image."""

import logging
import threading
import time
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from wagtail.images.models import Filter

try:  # boto3 comes with django-storages[s3]; local media need it not
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # pragma: no cover
    BotoCoreError = ClientError = OSError

logger = logging.getLogger("pasapas.media")

# What a storage raises when it cannot read or write: the disk's OSError, a broken image's
# ValueError (Willow), the bucket's connection, timeout and HTTP errors.
STORAGE_ERRORS = (OSError, ValueError, BotoCoreError, ClientError)


def is_outage(error):
    """The storage itself failed (rather than one file being missing or broken). Wagtail wraps
    a read's error in its SourceImageIOError: the original is in the exception's chain."""
    while error is not None:
        if isinstance(error, ClientError):
            return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 500) >= 500
        if isinstance(error, BotoCoreError):
            return True
        error = error.__cause__ or error.__context__
    return False


class StorageOutage:
    """A breaker around the media storage, shared by the threads of one process."""

    def __init__(self):
        self._down_until = 0.0
        self._lock = threading.Lock()
        self.failures = 0  # a caller compares it before and after its work: did the storage fail?

    @property
    def available(self):
        return time.monotonic() >= self._down_until

    def failed(self, error):
        retry_after = getattr(settings, "MEDIA_STORAGE_RETRY_AFTER", 30)
        with self._lock:
            if self.available:  # one log line per outage, not one per image
                logger.error(
                    "Stockage des médias injoignable (%s : %s) : images omises, nouvel essai dans %s s.",
                    type(error).__name__,
                    error,
                    retry_after,
                )
            self._down_until = time.monotonic() + retry_after
            self.failures += 1

    def failed_since(self, failures):
        """True when the storage failed since `failures` was read, or is out now."""
        return self.failures != failures or not self.available


outage = StorageOutage()


def renditions(image, *specs):
    """{spec: rendition} of `image` for the filters `specs` (one query), or None when the
    storage cannot make the missing ones now. During an outage, renditions made before are
    still found: they need the database, not the storage."""
    if not outage.available:
        filters = [Filter(spec=spec) for spec in specs]
        found = image.find_existing_renditions(*filters)
        if len(found) < len(filters):
            return None
        return {f.spec: found[f] for f in filters}
    try:
        return image.get_renditions(*specs)
    except STORAGE_ERRORS as error:
        _failed(error, image.file.name)
        return None


def rendition(image, spec):
    """The rendition of `image` for the filter `spec`, or None (see renditions)."""
    found = renditions(image, spec)
    return found and found[spec]


def read_bytes(name):
    """The bytes of a stored file, or None when the storage cannot give them now."""
    if not outage.available:
        return None
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except SuspiciousFileOperation:  # a name outside the storage: refused, not an outage
        return None
    except STORAGE_ERRORS as error:
        _failed(error, name)
        return None


def _failed(error, name):
    if is_outage(error):
        outage.failed(error)
    else:
        logger.warning("Média illisible (%s : %s) : %s omis.", type(error).__name__, error, name)


def media_origin():
    """The origin media files are served from when it is not the site's own (an S3 bucket's
    custom domain or endpoint), else ''."""
    return _media_origin(repr(settings.STORAGES["default"]), settings.MEDIA_URL)


@cache
def _media_origin(_storage_settings, _media_url):
    address = urlsplit(default_storage.url("original_images/x.png"))  # computed, never fetched
    return f"{address.scheme}://{address.netloc}" if address.scheme and address.netloc else ""


# --- responsive pictures --------------------------------------------------------------------

# Step illustrations are at most 16rem wide (static/css/guides.css): 1x and 2x screens.
WIDTHS = (320, 640)
SIZES = "(max-width: 20rem) 100vw, 16rem"


def picture(image, widths=WIDTHS):
    """What an <img> and its WebP <source> need, from renditions (never the original file):
    {"src", "width", "height", "srcset", "webp_srcset"}; None when the storage failed.

    An SVG is drawn at any size: one SVG rendition. A photo: each width in WebP and in its own
    kind (PNG keeps transparency, everything else JPEG), never wider than the original."""
    if image.is_svg():
        made = rendition(image, f"width-{widths[-1]}")
        return made and {"src": made.url, "width": made.width, "height": made.height, "sizes": SIZES}
    fallback = "png" if image.file.name.lower().endswith(".png") else "jpeg"
    specs = {fmt: [f"width-{width}|format-{fmt}" for width in widths] for fmt in ("webp", fallback)}
    found = renditions(image, *specs["webp"], *specs[fallback])
    if found is None:
        return None
    plain = [found[spec] for spec in specs[fallback]]
    return {
        "src": plain[0].url,
        "width": plain[0].width,
        "height": plain[0].height,
        "srcset": _srcset(plain),
        "webp_srcset": _srcset(found[spec] for spec in specs["webp"]),
        "sizes": SIZES,
    }


def _srcset(made_renditions):
    seen = {}
    for made in made_renditions:
        seen.setdefault(made.width, made.url)
    return ", ".join(f"{url} {width}w" for width, url in sorted(seen.items()))
