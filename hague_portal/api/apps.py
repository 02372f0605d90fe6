from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hague_portal.api"
    verbose_name = "Public JSON API"

    def ready(self):
        from hague_portal.events import registry

        from .webhooks import (
            DESIGNATION_KINDS,
            NOTIFYING_KINDS,
            REGISTRATION_KINDS,
            STATUS_KINDS,
            event_to_webhooks,
        )

        registry.register(
            registry.Consumer(
                name="webhooks",
                kinds=STATUS_KINDS | NOTIFYING_KINDS | DESIGNATION_KINDS | REGISTRATION_KINDS,
                handle=event_to_webhooks,
                order=20,
                after=("notifications",),
            )
        )
