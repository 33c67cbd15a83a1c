from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Ateliers"

    def ready(self):
        from . import signals  # noqa: F401 - feeds activity records when a workshop is published
