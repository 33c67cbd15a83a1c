from django.apps import AppConfig


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = "Lieux"

    def ready(self):
        from home.page_cache import register_query_param

        from . import signals  # noqa: F401 - connects the staff-group and sessions signals
        from .filters import CACHE_KEYS

        for name, normalise in CACHE_KEYS.items():
            register_query_param(name, normalise)
