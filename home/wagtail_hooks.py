"""Admin side of the site chrome: tell an editor when a publish could not reach the other servers."""

from django.contrib import messages
from django.core.cache import cache
from wagtail import hooks

from .page_cache import PAGE_TTL

NOT_ANNOUNCED = (
    "C'est publié, mais le cache partagé (Redis) ne répond pas : les autres serveurs montreront "
    "la nouvelle version dans {seconds} secondes au plus. Prévenez l'équipe technique si cela dure."
)


def cache_unreachable():
    return not getattr(cache, "available", True)


@hooks.register("after_publish_page")
@hooks.register("after_unpublish_page")
@hooks.register("after_delete_page")
@hooks.register("after_move_page")
def warn_if_not_announced(request, page):
    if cache_unreachable():
        messages.warning(request, NOT_ANNOUNCED.format(seconds=PAGE_TTL))
