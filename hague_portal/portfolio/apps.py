from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "hague_portal.portfolio"
    label = "portfolio"
    verbose_name = "Portfolio (workbench, deadlines, calendar)"
