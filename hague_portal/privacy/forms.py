from allauth.core import ratelimit
from django import forms
from django.utils.translation import gettext_lazy as _


class AccountDeleteForm(forms.Form):
    """The password, asked again: a session left open must not be enough to delete an account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        # allauth's limit for asking a signed-in user's password again (10 a minute): the form
        # must not become a way to guess it.
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.request.user):
            raise forms.ValidationError(_("Too many attempts. Wait a minute, then try again."))
        if not self.request.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
