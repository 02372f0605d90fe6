from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hague_portal.core"
    verbose_name = "Portal"

    def ready(self):
        from django.utils import translation

        from hague_portal.hague import i18n

        # The rules core's messages follow the active language (issue 12).
        i18n.install(translation.gettext, translation.ngettext, translation.get_language)
