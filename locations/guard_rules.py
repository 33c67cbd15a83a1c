"""What club staff may never do to their club's pages, in words. Plain Python.

The page permission tester (locations.models.ClubPagePermissionTester) applies these rules to
every route that reaches an operation; locations.admin_guard says them, in French, to the
person who tried."""

DELETE = "delete"
MOVE = "move"
UNPUBLISH = "unpublish"
COPY = "copy"
PRIVACY = "privacy"

# What club staff may never do to their territory page, and to the pages under it.
TERRITORY_FORBIDDEN = frozenset({DELETE, MOVE, UNPUBLISH, COPY, PRIVACY})
CLUB_PAGE_FORBIDDEN = frozenset({DELETE, PRIVACY})

TERRITORY_MESSAGES = {
    DELETE: "Seule l'administration du portail peut supprimer le club « {title} ».",
    MOVE: "Seule l'administration du portail peut déplacer le club « {title} ».",
    UNPUBLISH: "Seule l'administration du portail peut dépublier le club « {title} ».",
    COPY: "Seule l'administration du portail peut copier le club « {title} ».",
    PRIVACY: "Seule l'administration du portail peut restreindre l'accès au club « {title} ».",
}
CLUB_PAGE_MESSAGES = {
    DELETE: "« {title} » ne peut pas être supprimé par l'équipe du club : dépubliez-le, "
    "ou demandez sa suppression à l'administration du portail.",
    PRIVACY: "Seule l'administration du portail peut restreindre l'accès à « {title} ».",
}


def is_administrator(user):
    return user.is_active and user.is_superuser


def forbidden(user, is_territory, in_club):
    """The guarded actions `user` may not take on a page (none for administrators)."""
    if is_administrator(user) or not in_club:
        return frozenset()
    return TERRITORY_FORBIDDEN if is_territory else CLUB_PAGE_FORBIDDEN


def message(action, title, is_territory):
    return (TERRITORY_MESSAGES if is_territory else CLUB_PAGE_MESSAGES)[action].format(title=title)
