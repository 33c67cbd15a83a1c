"""Demo workshops (workshops/demo/workshops.toml), under the demo places of their clubs.

Creates the /ateliers/ list if a flushed database lost it (as home's loader rebuilds the
skeleton). Never overwrites a page: a workshop is found by its slug under its place."""

from datetime import date

from django.apps import apps as django_apps
from django.conf import settings
from wagtail.models import Page
from wagtail.search import index

from activity.models import ActivityRecord
from guides.models import GuidePage, LearningPathPage
from home.demo_loader import child, create_page, read, relative_date, section
from locations.models import LocationPage, TerritoryPage

from .models import SessionActivity, WorkshopGuide, WorkshopIndexPage, WorkshopPage, WorkshopSession
from .skeleton import ensure_index


def load(home):
    index_page = ensure_index(django_apps)
    if index_page is not None:
        index.insert_or_update_object(WorkshopIndexPage.objects.get(pk=index_page.pk))
    directory = section("locations.LocationIndexPage")
    if directory is None:
        return 0
    today = date.today()
    created = []
    for data in read(__file__, "workshops.toml")["workshops"]:
        place = find_place(directory, data["club"], data["place"])
        if place is None:
            continue
        page, new = create_page(place, WorkshopPage, **workshop_fields(data, today))
        if new:
            created.append(page)
    # Participants typed in the demo made activity records on publish: they are demo records.
    ActivityRecord.objects.filter(
        pk__in=SessionActivity.objects.filter(session__page__in=created).values("record_id")
    ).update(is_demo=True)
    return len(created)


def reset(home):
    directory = section("locations.LocationIndexPage")
    deleted = 0
    for data in read(__file__, "workshops.toml")["workshops"]:
        place = find_place(directory, data["club"], data["place"]) if directory else None
        page = child(place, data["slug"]) if place is not None else None
        if page is not None:
            page.delete()
            deleted += 1
    return deleted


def find_place(directory, club, slug):
    territory = Page.objects.child_of(directory).type(TerritoryPage).filter(slug=club).first()
    if territory is None:
        return None
    return LocationPage.objects.child_of(territory).filter(slug=slug).first()


def workshop_fields(data, today):
    fields = {
        k: v for k, v in data.items() if k not in ("club", "place", "guides", "learning_path", "sessions")
    }
    fields["learn"] = fields.get("learn", "").strip()
    fields["bring"] = fields.get("bring", "").strip()
    fields["sessions"] = [
        WorkshopSession(
            sort_order=order,
            date=relative_date(session["date"], today),
            start=session["start"],
            end=session["end"],
            status=session.get("status", ""),
            # Made-up participants become activity records: never on a real site (as activity's demo).
            participants=session.get("participants") if settings.DEBUG else None,
        )
        for order, session in enumerate(data["sessions"])
    ]
    by_slug = {guide.slug: guide for guide in GuidePage.objects.filter(slug__in=data.get("guides", []))}
    fields["guide_links"] = [
        WorkshopGuide(sort_order=order, guide=by_slug[slug])
        for order, slug in enumerate(data.get("guides", []))
        if slug in by_slug
    ]
    if data.get("learning_path"):
        fields["learning_path"] = LearningPathPage.objects.filter(slug=data["learning_path"]).first()
    return fields
