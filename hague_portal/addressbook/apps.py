from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AddressBookConfig(AppConfig):
    name = "hague_portal.addressbook"
    label = "addressbook"
    verbose_name = _("Address book")
