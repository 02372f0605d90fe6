"""The Office of a designated Contracting Party's pages, under /office/ (issue 22)."""

from django.urls import path

from . import converters  # noqa: F401 - registers <registration:number>
from . import views_office as views

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
