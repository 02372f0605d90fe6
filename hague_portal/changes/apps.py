from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangesConfig(AppConfig):
    name = "hague_portal.changes"
    verbose_name = _("Changes in the Register")
