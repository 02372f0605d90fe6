"""The applicant's examination routes, included under /submissions/<number>/ by
submissions/urls.py (same namespace: `submissions:respond`, `submissions:letter`,
`submissions:file`)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "<str:number>/invitations/<int:sequence>/respond/",
        views.respond,
        name="respond",
    ),
    path("<str:number>/files/<str:sha256>/", views.stored_file, name="file"),
    path("<str:number>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "<str:number>/invitations/<int:sequence>/letter/",
        views.letter,
        name="letter",
    ),
]
