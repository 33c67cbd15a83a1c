from django.apps import AppConfig


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = "Lieux"

    def ready(self):
        from . import signals  # noqa: F401 - connects the staff-group signals
