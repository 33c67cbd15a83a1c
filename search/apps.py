from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Recherche"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .signals import connect
        from .words import fill_after_migrate

        connect()
        post_migrate.connect(fill_after_migrate, sender=self, dispatch_uid="search_words_after_migrate")
