"""The correspondence routes, included under /submissions/<number>/ by submissions/urls.py
(same namespace: `submissions:message_write`, `submissions:message_file`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:number>/messages/new/", views.write, name="message_write"),
    path(
        "<str:number>/messages/<int:message_id>/files/<int:file_id>/",
        views.attachment,
        name="message_file",
    ),
]
