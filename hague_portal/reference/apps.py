from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "hague_portal.reference"
    verbose_name = "Hague reference data"

    def ready(self):
        from . import signals

        signals.connect()
