from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "hague_portal.portfolio"
    label = "portfolio"
    verbose_name = _("Portfolio (workbench, deadlines, calendar)")

    def ready(self):
        from django.db.backends.signals import connection_created

        from hague_portal.events import registry

        from .consumers import CONSUMER
        from .search import register_sqlite_unaccent

        # Not a side effect of a write: SQLite's connections get the SQL function `unaccent`
        # that PostgreSQL has from its extension, so accent-insensitive search works on both.
        connection_created.connect(register_sqlite_unaccent, dispatch_uid="portfolio-unaccent")
        registry.register(CONSUMER)
