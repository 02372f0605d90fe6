from django.urls import path

from . import views, views_exports, views_renewals

app_name = "portfolio"

urlpatterns = [
    path("applications.csv", views_exports.export, name="export"),
    path("exports/", views_exports.exports_view, name="exports"),
    path("exports/<uuid:export_id>/", views_exports.export_status, name="export_status"),
    path(
        "exports/<uuid:export_id>/download", views_exports.export_download, name="export_download"
    ),
    path("bulk/", views.bulk, name="bulk"),
    path("workbench/renewals/", views_renewals.renewals, name="renewals"),
    path(
        "workbench/renewals/paid/<str:reference>/",
        views_renewals.renewals_paid,
        name="renewals_paid",
    ),
    path("applications/counts", views.counts, name="counts"),
    path("clients/suggestions", views.client_suggestions, name="client_suggestions"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("deadlines/calendar-link/", views.calendar_reset, name="calendar_reset"),
    path("deadlines/calendar-link/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
]
