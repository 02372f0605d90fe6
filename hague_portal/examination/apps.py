from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExaminationConfig(AppConfig):
    name = "hague_portal.examination"
    verbose_name = _("Examination")

    def ready(self):
        from hague_portal.events import registry

        from .consumers import CONSUMER

        registry.register(CONSUMER)
