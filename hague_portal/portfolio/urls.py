from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("applications.<str:fmt>", views.export, name="export"),
    path("bulk/", views.bulk, name="bulk"),
    path("applications/counts", views.counts, name="counts"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("deadlines/calendar-link/", views.calendar_reset, name="calendar_reset"),
    path("deadlines/calendar-link/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
]
