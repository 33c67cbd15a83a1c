from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Accueil et site"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
        from .page_cache import connect_signals

        connect_signals()
