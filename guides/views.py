"""Views outside Wagtail's page tree: the PDF handout of a guide at <guide url>fiche.pdf."""

from django.http import Http404, HttpResponse
from django.utils import timezone

from home.params import clean_param
from home.routing import live_page_at

from .handout import HandoutOptions, filename, handout_pdf


def find_place(slug):
    """The live public place with this slug, or None (an unknown slug just drops the box)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_slug

    from locations.models import LocationPage

    try:
        validate_slug(slug)
    except ValidationError:
        return None
    return (
        LocationPage.objects.live()
        .public()
        .filter(slug=slug)
        .prefetch_related("slots", "closures")
        .order_by("path")
        .first()
    )


def handout_view(request, guide_path):
    """/guides/<slug>/fiche.pdf[?gros=1][&lieu=<place slug>]: the A4 handout of a live guide."""
    from .models import GuidePage

    guide = live_page_at(request, GuidePage.objects.select_related("topic"), guide_path)
    if guide is None:
        raise Http404
    lieu = clean_param(request.GET.get("lieu"))
    options = HandoutOptions(
        large=clean_param(request.GET.get("gros")) in ("1", "oui"),
        place=find_place(lieu) if lieu else None,
    )
    pdf = handout_pdf(guide, request, options, now=timezone.now())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename(guide, options)}"'
    # The guide page itself is what search engines should index, not its paper copy.
    response["X-Robots-Tag"] = "noindex"
    return response
