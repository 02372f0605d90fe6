from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinConfig(AppConfig):
    name = "hague_portal.bulletin"
    label = "bulletin"
    verbose_name = _("International Designs Bulletin")

    def ready(self):
        from hague_portal.events import registry

        from .consumers import CONSUMER

        registry.register(CONSUMER)
