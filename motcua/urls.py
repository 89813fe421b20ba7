from django.contrib import admin
from django.urls import include, path

from .api import api

# No URL serves the media folder, in any settings: stored files leave only through the views that
# authorize each request (core.downloads).
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("accounts.urls")),
    path("can-bo/", include("backoffice.urls")),
    path("buu-chinh/", include("postal.urls")),
    path("thanh-toan/", include("payments.urls")),
    path("", include("portal.urls")),
]
