"""The « Fondation » group: reaches the admin and reads the activity of every club, nothing else.

Configuration comes from migrations: `migrate` alone gives the group and its permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Fondation"
VIEW_ALL = "view_all_activity"


def add_group(apps, schema_editor):
    # Permissions are made after migrate (post_migrate): make this app's now.
    app_config = apps.get_app_config("activity")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="activity", codename=VIEW_ALL),
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_group, remove_group)]
