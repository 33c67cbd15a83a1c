"""Headers Django does not set itself: a same-origin CSP and a closed Permissions-Policy.

The public site gets settings.CONTENT_SECURITY_POLICY; the Wagtail admin its own strict policy
(settings.ADMIN_CONTENT_SECURITY_POLICY: scripts from our origin only). Both let images come
from the media storage's origin too (an S3 bucket's custom domain or endpoint), read from the
address the storage itself gives a file, so the policy follows the media settings."""

from django.conf import settings

from home.media import media_origin

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def with_media_origin(policy):
    origin = media_origin()
    return policy.replace("img-src 'self'", f"img-src 'self' {origin}", 1) if origin else policy


def policy_for(path):
    """The Content-Security-Policy for `path`, or None for the exempt prefixes."""
    if path.startswith(settings.CSP_EXEMPT_PREFIXES):
        return None
    if path.startswith(settings.ADMIN_CSP_PREFIXES):
        return with_media_origin(settings.ADMIN_CONTENT_SECURITY_POLICY)
    return with_media_origin(settings.CONTENT_SECURITY_POLICY)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = policy_for(request.path)
        if policy:
            response.setdefault("Content-Security-Policy", policy)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
