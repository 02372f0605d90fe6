from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "hague_portal.submissions"
    verbose_name = "Submitted applications"
