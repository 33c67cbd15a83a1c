"""{% picture_of image as pic %}: a page's image from renditions (srcset, WebP), never the original."""

from django import template

from home import media
from home.page_cache import refuse_caching

register = template.Library()


@register.simple_tag(takes_context=True)
def picture_of(context, image):
    """The picture's sources, or None when the media storage failed: during an outage the page
    is served without it and kept out of the page cache, so the image is back with the storage."""
    failures = media.outage.failures
    found = media.picture(image) if image else None
    request = context.get("request")
    if image and found is None and media.outage.failed_since(failures) and request is not None:
        refuse_caching(request)
    return found
