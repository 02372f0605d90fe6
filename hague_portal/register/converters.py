"""The URL converter of an international registration number ("DM/000001"), for the Office's
pages and the token API alike (registered once, on import)."""

from django.urls import register_converter


class RegistrationNumber:
    regex = r"[A-Z]{2}/[0-9]{1,9}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RegistrationNumber, "registration")
