from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partenaires et orientation"

    def ready(self):
        from home.page_cache import register_query_param
        from locations.filters import key_ou

        from .directory import key_kind, key_territory
        from .orientation import SENT, key_need, key_sent

        register_query_param("aide", key_kind)
        register_query_param("territoire", key_territory)
        register_query_param("besoin", key_need)
        register_query_param(SENT, key_sent)
        register_query_param("ou", key_ou)  # the same as the directory's
