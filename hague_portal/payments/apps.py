from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "hague_portal.payments"
    verbose_name = "Payments and current accounts"
