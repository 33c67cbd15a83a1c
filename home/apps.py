from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Accueil et site"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401 - registers the deploy checks
        from .page_cache import connect_signals
        from .skeleton import sync_public_address

        connect_signals()
        # Each deploy runs `migrate`: the site's address follows WAGTAILADMIN_BASE_URL.
        post_migrate.connect(
            lambda apps, **kwargs: sync_public_address(apps),
            sender=self,
            weak=False,
            dispatch_uid="site_address",
        )
