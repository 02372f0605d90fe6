from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "hague_portal.accounts.admin_site.PortalAdminSite"
