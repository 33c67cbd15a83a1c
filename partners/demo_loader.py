"""Demo partners, each under its club's territory, from partners/demo/partners.toml."""

from home.demo_loader import child, create_page, read, section

from .models import PartnerPage


def load(home):
    directory = section("locations.LocationIndexPage")
    created = 0
    for data in read(__file__, "partners.toml")["partners"]:
        fields = dict(data)
        territory = child(directory, fields.pop("territory")) if directory else None
        if territory is not None:
            created += create_page(territory, PartnerPage, **fields)[1]
    return created


def reset(home):
    directory = section("locations.LocationIndexPage")
    deleted = 0
    for data in read(__file__, "partners.toml")["partners"]:
        territory = child(directory, data["territory"]) if directory else None
        page = child(territory, data["slug"]) if territory else None
        if page is not None:
            page.delete()
            deleted += 1
    return deleted
