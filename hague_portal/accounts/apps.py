from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hague_portal.accounts"
    verbose_name = "Accounts and firms"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_signed_in, dispatch_uid="accounts.signed_in_language")


def _signed_in(sender, request, user, **kwargs):
    """Signing in speaks the account's language from its first message ("signed in as …")."""
    from .middleware import account_language_activate

    if request is not None:
        account_language_activate(request, user)
