from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "hague_portal.payments"
    verbose_name = "Payments and current accounts"

    def ready(self):
        from hague_portal.events import registry

        from .consumers import CONSUMER

        registry.register(CONSUMER)
