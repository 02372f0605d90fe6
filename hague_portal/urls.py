from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

from hague_portal.core import views as core_views
from hague_portal.register import views_renewal

urlpatterns = [
    path("", core_views.home, name="workbench"),
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", core_views.metrics, name="metrics"),  # Prometheus, behind a token (issue 24)
    path("language", core_views.language, name="language"),  # the language switcher (issue 12)
    path("accessibility/", core_views.accessibility, name="accessibility"),
    # Our scripts' messages (djangojs), from our own origin: the CSP allows script-src 'self'.
    # The same for everyone in a language (base.html puts the language in the URL): the browser
    # keeps it a day instead of asking again on every page (public: no personal data in it).
    path(
        "jsi18n/",
        cache_control(public=True, max_age=86400)(JavaScriptCatalog.as_view()),
        name="javascript-catalog",
    ),
    path("accounts/", include("allauth.urls")),
    path("account/", include("hague_portal.privacy.urls")),  # your account and your data
    path("applications/", include("hague_portal.filings.urls")),
    path("firm/changes/", include("hague_portal.changes.urls")),  # appointments (issue 23)
    path("firm/", include("hague_portal.accounts.urls_firm")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("hague_portal.api.urls")),
    path("api-tokens/", include("hague_portal.api.urls_portal")),
    path("fees/", include("hague_portal.calculator.urls")),
    path("bulletin/", include("hague_portal.bulletin.urls")),  # public (Rule 26)
    path("submissions/", include("hague_portal.submissions.urls")),
    path("address-book/", include("hague_portal.addressbook.urls")),
    path("inbox/", include("hague_portal.notifications.urls")),
    # Anyone may pay a registration's renewal, with or without an account (issue 23).
    path("renew/", views_renewal.renewal_public, name="renewal_public"),
    path("renew/paid/<str:token>/", views_renewal.renewal_public_paid, name="renewal_public_paid"),
    path("office/", include("hague_portal.register.urls_office")),  # designated Offices (issue 22)
    path("", include("hague_portal.portfolio.urls")),
]

# More files than DATA_UPLOAD_MAX_NUMBER_FILES in one upload: a message on the page, not a bare 400.
handler400 = "hague_portal.core.errors.bad_request"
