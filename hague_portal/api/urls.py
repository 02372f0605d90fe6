from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from hague_portal.register import converters  # noqa: F401 - registers <registration:number>

from . import (
    v1,
    v1_bulletin,
    v1_changes,
    v1_files,
    v1_office,
    v1_payments,
    v1_register,
    v1_schema,
    views,
)

v1_schema.document_views()

# The documentation viewers under the site's Content-Security-Policy: Swagger UI's start-up
# script is served as a file of its own (the split view); Redoc renders the schema in a Web
# Worker it creates from a blob: URL and shows its maker's logo from its CDN, which only its
# page may do (its Google Fonts are left out: templates/drf_spectacular/redoc.html).
swagger = SpectacularSwaggerSplitView.as_view(url_name="api-schema")
redoc = csp_update({"worker-src": ["'self'", "blob:"], "img-src": ["https://cdn.redoc.ly"]})(
    SpectacularRedocView.as_view(url_name="api-schema")
)

urlpatterns = [
    path("fees/", views.FeesView.as_view(), name="api-fees"),
    path("checks/", views.ChecksView.as_view(), name="api-checks"),
    # Authenticated with a personal token (issue 13): hague_portal/api/v1.py
    path("drafts/", v1.DraftListView.as_view(), name="api-drafts"),
    path("drafts/<uuid:draft_id>/", v1.DraftDetailView.as_view(), name="api-draft"),
    path(
        "drafts/<uuid:draft_id>/reproductions/",
        v1_files.ReproductionsView.as_view(),
        name="api-draft-reproductions",
    ),
    path(
        "drafts/<uuid:draft_id>/reproductions/<int:reproduction_id>/",
        v1_files.ReproductionDetailView.as_view(),
        name="api-draft-reproduction",
    ),
    path(
        "drafts/<uuid:draft_id>/attachments/",
        v1_files.AttachmentsView.as_view(),
        name="api-draft-attachments",
    ),
    path(
        "drafts/<uuid:draft_id>/attachments/<int:attachment_id>/",
        v1_files.AttachmentDetailView.as_view(),
        name="api-draft-attachment",
    ),
    path("drafts/<uuid:draft_id>/checks/", v1.DraftChecksView.as_view(), name="api-draft-checks"),
    path("drafts/<uuid:draft_id>/fees/", v1.DraftFeesView.as_view(), name="api-draft-fees"),
    path("drafts/<uuid:draft_id>/submit/", v1.DraftSubmitView.as_view(), name="api-draft-submit"),
    path("applications/", v1.ApplicationListView.as_view(), name="api-applications"),
    path("applications/<str:number>/", v1.ApplicationDetailView.as_view(), name="api-application"),
    path(
        "applications/<str:number>/documents/<slug:document>/",
        v1.ApplicationDocumentView.as_view(),
        name="api-application-document",
    ),
    path(
        "applications/<str:number>/invitations/<int:sequence>/responses/",
        v1.ResponseCreateView.as_view(),
        name="api-application-responses",
    ),
    path(
        "applications/<str:number>/pay/",
        v1_payments.ApplicationPayView.as_view(),
        name="api-application-pay",
    ),
    path(
        "applications/<str:number>/second-parts/<str:party>/pay/",
        v1_payments.SecondPartPayView.as_view(),
        name="api-application-second-part-pay",
    ),
    # The Register (issue 23): hague_portal/api/v1_register.py
    path(
        "applications/<str:number>/registration/",
        v1_register.RegistrationView.as_view(),
        name="api-application-registration",
    ),
    path(
        "applications/<str:number>/renewal/",
        v1_register.RenewalView.as_view(),
        name="api-application-renewal",
    ),
    path("renewals/", v1_register.BulkRenewalView.as_view(), name="api-renewals"),
    # Requests to record a change in the Register (issue 23): hague_portal/api/v1_changes.py
    path(
        "applications/<str:number>/changes/",
        v1_changes.ChangeListView.as_view(),
        name="api-application-changes",
    ),
    path("changes/<int:change_id>/", v1_changes.ChangeDetailView.as_view(), name="api-change"),
    path(
        "changes/<int:change_id>/response/",
        v1_changes.ChangeResponseView.as_view(),
        name="api-change-response",
    ),
    path("accounts/", v1_payments.AccountListView.as_view(), name="api-accounts"),
    path("notifications/", v1.NotificationListView.as_view(), name="api-notifications"),
    path(
        "notifications/<int:notification_id>/pdf/",
        v1.NotificationPdfView.as_view(),
        name="api-notification-pdf",
    ),
    # The Office of a designated party (issue 22, scope "office"): hague_portal/api/v1_office.py
    path(
        "office/registrations/",
        v1_office.OfficeRegistrationListView.as_view(),
        name="api-office-registrations",
    ),
    path(
        "office/registrations/<registration:number>/",
        v1_office.OfficeRegistrationDetailView.as_view(),
        name="api-office-registration",
    ),
    *(
        path(
            f"office/registrations/<registration:number>/{action}/",
            view.as_view(),
            name=f"api-office-{action}",
        )
        for action, view in v1_office.DECISION_VIEWS.items()
    ),
    path("webhooks/", v1.WebhookListView.as_view(), name="api-webhooks"),
    path("webhooks/<uuid:webhook_id>/", v1.WebhookDetailView.as_view(), name="api-webhook"),
    # The International Designs Bulletin: public, no token (hague_portal/api/v1_bulletin.py)
    path("bulletin/entries/", v1_bulletin.BulletinEntriesView.as_view(), name="api-bulletin"),
    path("bulletin/issues/", v1_bulletin.BulletinIssuesView.as_view(), name="api-bulletin-issues"),
    re_path(
        r"^bulletin/registrations/(?P<ref>[A-Z]{2}-\d{1,9})/$",
        v1_bulletin.BulletinRegistrationView.as_view(),
        name="api-bulletin-registration",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", swagger, name="api-docs"),
    path("redoc/", redoc, name="api-redoc"),
    # Last: any other address under /api/v1/ answers a JSON 404 (not the portal's HTML page).
    re_path(r"^.*$", v1.not_found, name="api-not-found"),
]
