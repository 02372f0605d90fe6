"""Routes of submitted applications; every route reads the submission via
`submission_get_for_user` (404 for anyone who may not see it)."""

from django.urls import path

from hague_portal.changes import views as change_views
from hague_portal.correspondence.urls import urlpatterns as correspondence_patterns
from hague_portal.examination.urls import urlpatterns as examination_patterns
from hague_portal.notifications import views as notification_views
from hague_portal.payments import views as payment_views
from hague_portal.register import views as register_views
from hague_portal.register import views_extract, views_renewal

from . import views

app_name = "submissions"

urlpatterns = [
    path("<str:number>/", views.detail, name="detail"),
    path("<str:number>/status/", views.status, name="status"),
    path("<str:number>/download/<slug:document>/", views.download, name="download"),
    path("<str:number>/pay/", payment_views.pay, name="pay"),
    path("<str:number>/payments/<str:reference>/", payment_views.receipt, name="payment_receipt"),
    # The second part of an individual fee (Rule 12(3)), once the Office asks for it.
    path(
        "<str:number>/second-parts/<str:party>/pay/",
        register_views.second_part_pay,
        name="second_part_pay",
    ),
    # Changes in the Register (issue 23): request one, follow and answer it.
    path("<str:number>/changes/<int:pk>/", change_views.change_detail, name="change"),
    path("<str:number>/changes/new/<slug:kind>/", change_views.change_new, name="change_new"),
    path(
        "<str:number>/register-extract.pdf",
        views_extract.extract_for_application,
        name="register_extract",
    ),
    # Renewal of the registration (Article 17; issue 23), by those who may file for it.
    path("<str:number>/renew/", views_renewal.renewal, name="renewal"),
    *examination_patterns,  # respond to an invitation, its letter, withdraw
    *correspondence_patterns,  # write to the International Bureau, attachments
    # Every letter and notice of the International Bureau about the application, with its PDF.
    path("<str:number>/letters/<int:pk>/", notification_views.application_letter, name="notice"),
    path(
        "<str:number>/letters/<int:pk>/pdf/",
        notification_views.application_letter_pdf,
        name="notice_pdf",
    ),
]
