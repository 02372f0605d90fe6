from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hague_portal.accounts"
    verbose_name = "Accounts and firms"
