"""django.contrib.admin with Luukku's admin site (identity.admin_site): a module of its own, because
INSTALLED_APPS imports it before the models can be."""

from django.contrib.admin.apps import AdminConfig


class LuukkuAdminConfig(AdminConfig):
    default_site = "luukku.identity.admin_site.LuukkuAdminSite"
