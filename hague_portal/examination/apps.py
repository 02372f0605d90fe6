from django.apps import AppConfig


class ExaminationConfig(AppConfig):
    name = "hague_portal.examination"
    verbose_name = "Examination"
