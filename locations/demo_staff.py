"""Demo club staff accounts, created by load_demo in development only (DEBUG on)."""

from django.conf import settings
from django.contrib.auth import get_user_model

from . import staff
from .models import TerritoryPage

# username, territory slug, password (development only: refused when DEBUG is off)
ACCOUNTS = [
    ("staff-normandie", "face-normandie", "pas-a-pas-normandie"),
    ("staff-mediance66", "mediance-66", "pas-a-pas-mediance66"),
]


def create_staff_accounts():
    """Create (or reset) the demo staff accounts; return [(username, password, group name)]."""
    created = []
    for username, territory_slug, password in ACCOUNTS:
        territory = TerritoryPage.objects.get(slug=territory_slug)
        group = staff.sync_staff_group(territory)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.set_password(password)
        user.is_active = True
        user.save()
        user.groups.set([group])
        created.append((username, password, group.name))
    return created


def load(home):
    if not settings.DEBUG:
        return []
    accounts = create_staff_accounts()
    for username, password, group_name in accounts:
        print(  # load_demo's own output, development only
            f"Compte de démonstration « {group_name} » : "
            f"identifiant « {username} », mot de passe « {password} »"
        )
    return accounts
