"""The account's own pages: each names no object but the signed-in user's own account."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.home, name="home"),
    path("data/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
]
