"""The admin as the editors see it: TwitchCare's name and colours, guidance listed first.

Installed in place of ``django.contrib.admin`` (settings.INSTALLED_APPS), so every
``admin.register`` and ``admin.site`` use this site. The look is in
``templates/admin/base_site.html`` and ``static/css/admin_brand.css``.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

#: Apps listed first on the admin index, in this order; the rest follow by name.
APP_ORDER = ["guidance"]


class TwitchCareAdminSite(AdminSite):
    site_header = _("TwitchCare content")
    site_title = _("TwitchCare content")
    index_title = _("Site administration")
    site_url = "/guidance/"

    def get_app_list(self, request, app_label=None):
        """The admin's apps, with ``APP_ORDER`` first (editors work in guidance)."""
        apps = super().get_app_list(request, app_label)
        rank = {label: index for index, label in enumerate(APP_ORDER)}
        return sorted(apps, key=lambda app: rank.get(app["app_label"], len(APP_ORDER)))


class TwitchCareAdminConfig(AdminConfig):
    default_site = "twitchcare.admin_site.TwitchCareAdminSite"
