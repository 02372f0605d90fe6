"""The appointed representative firm's side of a change (issue 23)."""

from django.urls import path

from . import views

app_name = "changes"

urlpatterns = [
    path("appointments/", views.firm_appointments, name="appointments"),
    path("appointments/<int:pk>/", views.firm_appointment, name="appointment"),
]
