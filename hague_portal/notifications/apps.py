from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "hague_portal.notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from hague_portal.events import registry

        from .consumers import CONSUMER

        registry.register(CONSUMER)
