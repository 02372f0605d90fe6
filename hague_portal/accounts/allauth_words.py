"""django-allauth's words that its Spanish catalogue says with "tú" (issue 20: the portal says
"usted" throughout). Marked here so that our catalogues (settings.LOCALE_PATHS, read before the
apps' own) carry them with "usted" in Spanish; French keeps allauth's wording. The msgids must stay
exactly allauth's: they are looked up by their English text. Nothing imports this module."""

from django.utils.translation import gettext_noop

ALLAUTH_USTED = (
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("Enter a phone number including country code (e.g. +1 for the US)."),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop(
        "We've sent a code to %(recipient)s. The code expires shortly, so please enter it soon."
    ),
    gettext_noop("Enter Email Verification Code"),
    gettext_noop("Enter Password Reset Code"),
    gettext_noop("Enter Phone Verification Code"),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("You have verified phone number %(phone)s."),
    gettext_noop("Sign up using a passkey"),
    gettext_noop(
        "You currently do not have any email address set up. You should really add an email address so you can receive notifications, reset your password, etc."
    ),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes."
    ),
    gettext_noop(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.'
    ),
    gettext_noop("Download codes"),
    gettext_noop(
        "If you choose to trust this browser, you will not be asked for a verification code the next time you sign in."
    ),
    gettext_noop("Are you sure you want to remove this security key?"),
    gettext_noop(
        "You are about to create a passkey for your account. As you can add additional keys later on, you can use a descriptive name to tell the keys apart."
    ),
)
