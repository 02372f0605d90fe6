from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hague_portal.accounts"
    verbose_name = "Accounts and firms"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(
            _speak_the_user_s_language, dispatch_uid="accounts.speak_the_user_s_language"
        )


def _speak_the_user_s_language(sender, request, user, **kwargs):
    """The request that signs a user in was begun in the browser's language; from here on it
    speaks the account's (as UserLanguageMiddleware does for the requests that follow), so the
    "signed in" message matches the pages around it."""
    from django.utils import translation

    language = getattr(user, "language", "")
    if language:
        translation.activate(language)
        if request is not None:
            request.LANGUAGE_CODE = language
