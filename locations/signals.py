"""Keep each club's staff group in step with its territory, for pages made in the admin or in code."""

import logging

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import staff
from .models import ClubStaffGroup, LocationPage, TerritoryPage, UpcomingSession
from .sessions import refresh_upcoming_sessions

logger = logging.getLogger(__name__)
ORPHAN_SUFFIX = " (club supprimé)"


@receiver(post_save, sender=TerritoryPage, dispatch_uid="locations_territory_staff_group")
def territory_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    # A draft save only touches revision fields: the live title (the group's name) is unchanged.
    if created or update_fields is None or {"title", "slug"} & set(update_fields):
        staff.sync_staff_group(instance)


@receiver(post_delete, sender=ClubStaffGroup, dispatch_uid="locations_staff_group_deleted")
def staff_link_deleted(sender, instance, **kwargs):
    """The territory is gone (the link went with it): its group stays, renamed, for an administrator
    to delete by hand. Its page permissions went with the pages; its members keep their accounts."""
    group = Group.objects.filter(pk=instance.group_id).first()
    if group is None:
        return
    if not group.name.endswith(ORPHAN_SUFFIX):
        group.name = f"{group.name[: 150 - len(ORPHAN_SUFFIX)]}{ORPHAN_SUFFIX}"
        group.save(update_fields=["name"])
    logger.warning(
        "Club staff group %s (%s) kept without its territory %s", group.pk, group.name, instance.territory_id
    )


@receiver(page_published, sender=LocationPage, dispatch_uid="locations_place_published_sessions")
def place_published(sender, instance, **kwargs):
    """New hours are in the directory as soon as they are published."""
    refresh_upcoming_sessions([instance])


@receiver(page_unpublished, sender=LocationPage, dispatch_uid="locations_place_unpublished_sessions")
def place_unpublished(sender, instance, **kwargs):
    """An unpublished place leaves the directory. (Wagtail also sends this just before deleting a
    live page: only delete here, never recompute rows that the deletion would leave behind.)"""
    UpcomingSession.objects.filter(place_id=instance.pk).delete()
