from django.apps import AppConfig


class CalculatorConfig(AppConfig):
    name = "hague_portal.calculator"
    verbose_name = "Fee calculator"
