"""Routes of the firm pages. Every route naming a firm reads it via `firm_get_for_member`."""

from django.urls import path

from . import views_firm as views

app_name = "firm"

urlpatterns = [
    path("", views.home, name="home"),
    path("join/<str:token>/", views.join, name="join"),
    path("<int:firm_id>/", views.detail, name="detail"),
    path("<int:firm_id>/invite/", views.invite, name="invite"),
    path(
        "<int:firm_id>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<int:firm_id>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("<int:firm_id>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:firm_id>/clients/", views.clients, name="clients"),
    path("<int:firm_id>/clients/new/", views.client_edit, name="client_new"),
    path("<int:firm_id>/clients/<int:pk>/", views.client_edit, name="client_edit"),
    path("<int:firm_id>/clients/<int:pk>/delete/", views.client_delete, name="client_delete"),
]
