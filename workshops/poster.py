"""The poster of a workshop (« affiche »): one A4 page to print, with a QR code to its page."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from locations.poster import qr_data_uri

from . import rendering


def poster_context(workshop, place, request, today):
    url = workshop.get_full_url(request)  # the site's public address, whatever Host asked
    ancestors = workshop.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth")
    crumbs = [{"title": "Accueil" if a.depth == 2 else a.title, "url": a.url} for a in ancestors]
    crumbs += [
        {"title": workshop.title, "url": workshop.get_url(request)},
        {"title": "Affiche de l'atelier", "url": None},
    ]
    return {
        **rendering.workshop_context(workshop, place, request, today),
        "page": workshop,
        "workshop": workshop,
        "crumbs": crumbs,
        "today": today,
        "workshop_url": url,
        "qr": qr_data_uri(url),
    }


def poster_response(workshop, place, request, today):
    response = render(request, "workshops/poster.html", poster_context(workshop, place, request, today))
    add_never_cache_headers(response)
    return response
