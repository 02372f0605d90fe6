from django.urls import path, re_path

from hague_portal.register.views_extract import extract_public

from . import views
from .feeds import IssueFeed

NUMBER = r"(?P<ref>[A-Z]{2}-\d{1,9})"  # "DM/123456" as "DM-123456" (selectors.number_slug)

urlpatterns = [
    path("", views.index, name="bulletin"),
    path("<int:year>/<int:number>/", views.issue, name="bulletin-issue"),
    path("<int:year>/<int:number>/atom/", IssueFeed(), name="bulletin-issue-feed"),
    re_path(rf"^registrations/{NUMBER}/$", views.registration, name="bulletin-registration"),
    re_path(rf"^registrations/{NUMBER}/extract\.pdf$", extract_public, name="bulletin-extract"),
    re_path(
        rf"^registrations/{NUMBER}/reproductions/(?P<sha256>[0-9a-f]{{64}})/$",
        views.reproduction,
        name="bulletin-reproduction",
    ),
    re_path(
        rf"^registrations/{NUMBER}/reproductions/(?P<sha256>[0-9a-f]{{64}})/thumbnail/$",
        views.reproduction,
        {"size": "thumbnail"},
        name="bulletin-thumbnail",
    ),
]
