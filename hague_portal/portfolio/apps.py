from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "hague_portal.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio (workbench, deadlines, calendar)")

    def ready(self):
        from hague_portal.events import registry

        from .consumers import CONSUMER

        registry.register(CONSUMER)
