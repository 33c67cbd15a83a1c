"""{% picture_of image as pic %}: a page's image from renditions (srcset, WebP), never the original."""

from django import template

from home import media

register = template.Library()


@register.simple_tag(takes_context=True)
def picture_of(context, image):
    """The picture's sources, or None when the media storage failed: the page is then served
    without it and kept out of the page cache, so the image is back as soon as the storage is."""
    found = media.picture(image) if image else None
    request = context.get("request")
    if image and found is None and request is not None:
        request.page_cache_policy = None
    return found
