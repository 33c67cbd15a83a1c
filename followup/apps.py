from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = "Suivi à six mois"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
