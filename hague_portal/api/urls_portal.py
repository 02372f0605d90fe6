from django.urls import path

from . import portal

urlpatterns = [
    path("", portal.tokens, name="api-tokens"),
    path("<int:token_id>/revoke/", portal.token_revoke_view, name="api-token-revoke"),
]
