from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Ateliers"

    def ready(self):
        from home.page_cache import register_query_param

        from . import signals  # noqa: F401 - feeds activity records when a workshop is published
        from .rendering import key_month, key_theme

        register_query_param("theme", key_theme)
        register_query_param("mois", key_month)
