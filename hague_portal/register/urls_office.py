"""The Office of a designated Contracting Party's pages, under /office/ (issue 22)."""

from django.urls import path, register_converter

from . import views_office as views


class RegistrationNumber:
    """An international registration number as the Register writes it: "DM/000001"."""

    regex = r"[A-Z]{2}/[0-9]{1,9}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RegistrationNumber, "registration")

app_name = "office"

urlpatterns = [
    path("", views.registrations, name="registrations"),
    path("registrations/<registration:number>/", views.registration, name="registration"),
    path(
        "registrations/<registration:number>/reproductions/<str:sha256>",
        views.reproduction,
        name="reproduction",
    ),
    path("registrations/<registration:number>/<slug:action>/", views.decide, name="decide"),
]
