from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "hague_portal.reference"
    verbose_name = _("Hague reference data")

    def ready(self):
        from . import signals

        signals.connect()
