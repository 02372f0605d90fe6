"""Routes of the filing wizard. Every route naming a draft reads it via `draft_get_for_user`."""

from django.urls import path

from . import views, views_delete, views_files, views_sharing

app_name = "filings"

urlpatterns = [
    path("new/", views.draft_new, name="create"),
    path("import/", views.draft_import_view, name="import"),
    path("<uuid:draft_id>/", views.overview, name="overview"),
    path("<uuid:draft_id>/steps/<slug:step_key>/", views.step, name="step"),
    path("<uuid:draft_id>/steps/<slug:step_key>/autosave/", views.autosave, name="autosave"),
    path(
        "<uuid:draft_id>/steps/<slug:step_key>/autosave/discard/",
        views.autosave_discard,
        name="autosave_discard",
    ),
    path("<uuid:draft_id>/steps/<slug:step_key>/panel/", views.panel_preview, name="preview"),
    path("<uuid:draft_id>/panel/", views.panel, name="panel"),
    path("<uuid:draft_id>/export/", views.export, name="export"),
    path("<uuid:draft_id>/duplicate/", views.duplicate, name="duplicate"),
    path("<uuid:draft_id>/submit/", views.submit, name="submit"),
    path("<uuid:draft_id>/delete/", views_delete.delete, name="delete"),
    # Reproductions (item 10), attachments (Annexes I-V, power of attorney), stored files.
    path("<uuid:draft_id>/reproductions/", views_files.reproductions, name="reproductions"),
    path(
        "<uuid:draft_id>/reproductions/continue/",
        views_files.reproductions_continue,
        name="reproductions_continue",
    ),
    path(
        "<uuid:draft_id>/reproductions/reorder/",
        views_files.reproductions_reorder,
        name="reproductions_reorder",
    ),
    path(
        "<uuid:draft_id>/reproductions/<int:pk>/assign/",
        views_files.reproduction_assign,
        name="reproduction_assign",
    ),
    path(
        "<uuid:draft_id>/reproductions/<int:pk>/move/",
        views_files.reproduction_move,
        name="reproduction_move",
    ),
    path(
        "<uuid:draft_id>/reproductions/<int:pk>/legend/",
        views_files.reproduction_legend,
        name="reproduction_legend",
    ),
    path(
        "<uuid:draft_id>/reproductions/<int:pk>/delete/",
        views_files.reproduction_delete,
        name="reproduction_delete",
    ),
    path("<uuid:draft_id>/attachments/", views_files.attachments, name="attachments"),
    path(
        "<uuid:draft_id>/attachments/<int:pk>/delete/",
        views_files.attachment_delete,
        name="attachment_delete",
    ),
    path("<uuid:draft_id>/files/<str:kind>/<int:pk>/", views_files.file, name="file"),
    # Sharing with a client's user, and the client's approval (issue 10).
    path("<uuid:draft_id>/sharing/", views_sharing.page, name="sharing"),
    path("<uuid:draft_id>/sharing/<int:pk>/revoke/", views_sharing.revoke, name="share_revoke"),
    path("<uuid:draft_id>/approve/", views_sharing.approve, name="approve"),
]
