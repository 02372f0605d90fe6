"""The inbox; every route naming a notification reads it via `recipient_get_for_user` (404 for
anyone but its recipients, staff included)."""

from django.urls import path

from . import views

app_name = "inbox"

urlpatterns = [
    path("", views.inbox, name="list"),
    path("read-all/", views.read_all, name="read_all"),
    path("settings/", views.preferences, name="settings"),
    path("link/<str:token>/", views.link, name="link"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
]
