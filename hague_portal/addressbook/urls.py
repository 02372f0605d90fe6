from django.urls import path

from . import views

app_name = "addressbook"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/<str:kind>", views.entry_new, name="new"),
    path("<int:entry_id>/edit", views.entry_edit, name="edit"),
    path("<int:entry_id>/delete", views.entry_delete, name="delete"),
    path("export.csv", views.entry_export, name="export"),
    path("import", views.entry_import, name="import"),
]
