from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hague_portal.api"
    verbose_name = "Public JSON API"
