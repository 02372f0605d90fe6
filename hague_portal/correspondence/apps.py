from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "hague_portal.correspondence"
    label = "correspondence"
    verbose_name = _("Correspondence with the International Bureau")
