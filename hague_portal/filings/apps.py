from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "hague_portal.filings"
    verbose_name = "Applications and drafts"
