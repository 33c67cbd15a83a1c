from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Accueil et site"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401 - registers the deploy checks
        from .admin_exports import install as neutralise_admin_exports
        from .page_cache import connect_signals, register_query_param
        from .pagination import normalise_page
        from .skeleton import sync_after_migrate

        connect_signals()
        neutralise_admin_exports()
        register_query_param("page", normalise_page)
        # Each deploy runs `migrate`: the site's address follows WAGTAILADMIN_BASE_URL.
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="site_address")
