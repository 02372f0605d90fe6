from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from . import views

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
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", swagger, name="api-docs"),
    path("redoc/", redoc, name="api-redoc"),
]
