"""Club staff: one group per club, with Wagtail page permissions on that club's subtree only.

A TerritoryPage gets its group (« Équipe <club> ») when it is created, the group follows a
renamed territory; when the territory is deleted the group stays, renamed « … (club supprimé) »,
for an administrator to delete (signals in locations.signals). The group may reach
the admin and add, edit, publish and lock pages under its territory; nothing else.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ClubStaffGroup, LocationPage, TerritoryPage

GROUP_PREFIX = "Équipe "
# Actions on the territory's subtree. No "delete": it would let a club delete its own territory.
PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
ADMIN_PERMISSION = ("wagtailadmin", "access_admin")


def group_name_for(territory):
    """« Équipe FACE Normandie »; the slug is added only if another group already has the name."""
    name = f"{GROUP_PREFIX}{territory.title}"[:150]
    taken = Group.objects.filter(name=name).exclude(club_link__territory_id=territory.pk).exists()
    return f"{GROUP_PREFIX}{territory.title} ({territory.slug})"[:150] if taken else name


def page_permissions():
    codenames = [f"{action}_page" for action in PAGE_ACTIONS]
    return list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))


def admin_permission():
    app_label, codename = ADMIN_PERMISSION
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def sync_staff_group(territory):
    """Create or update the staff group of `territory`; return it. Idempotent."""
    link = ClubStaffGroup.objects.select_related("group").filter(territory_id=territory.pk).first()
    name = group_name_for(territory)
    if link is None:
        group, _ = Group.objects.get_or_create(name=name)
        link = ClubStaffGroup.objects.create(territory_id=territory.pk, group=group)
    group = link.group
    if group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    access = admin_permission()
    if access is not None:
        group.permissions.add(access)
    wanted = {perm.pk: perm for perm in page_permissions()}
    existing = GroupPagePermission.objects.filter(group=group)
    # Only this territory: drop anything else the group was given by hand.
    existing.exclude(page_id=territory.pk, permission_id__in=wanted).delete()
    present = set(existing.filter(page_id=territory.pk).values_list("permission_id", flat=True))
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=territory.pk, permission=perm)
            for pk, perm in wanted.items()
            if pk not in present
        ]
    )
    return group


def sync_all_staff_groups():
    return [sync_staff_group(territory) for territory in TerritoryPage.objects.all()]


def staff_group_of(territory):
    link = ClubStaffGroup.objects.select_related("group").filter(territory_id=territory.pk).first()
    return link.group if link else None


def editable_places(user):
    """The places `user` may edit, according to Wagtail's page permission policy."""
    editable = PagePermissionPolicy(Page).instances_user_has_permission_for(user, "change")
    if user.is_active and user.is_superuser:
        return LocationPage.objects.all()
    return LocationPage.objects.filter(pk__in=editable.values("pk"))
