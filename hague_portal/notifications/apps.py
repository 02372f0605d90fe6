from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hague_portal.notifications"
    verbose_name = "Notifications"
