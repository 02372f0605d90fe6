from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hague_portal.core"
    verbose_name = "Portal"
