from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from shuniu.core import views as core_views

admin.site.site_header = "枢纽 · 系统管理"
admin.site.site_title = "枢纽系统管理"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", core_views.login_view, name="login"),
    path("logout/", core_views.logout_view, name="logout"),
    path("healthz", core_views.health, name="health"),
    # Browsers ask for /favicon.ico on pages without an icon link (the admin site): the vendored svg.
    path("favicon.ico", RedirectView.as_view(url=static("shuniu/favicon.svg"), permanent=True)),
    path("core/", include("shuniu.core.urls")),
    path("org/", include("shuniu.org.urls")),
    path("matters/", include("shuniu.matters.urls")),
    path("documents/", include("shuniu.documents.urls")),
    path("supervision/", include("shuniu.supervision.urls")),
    path("meetings/", include("shuniu.meetings.urls")),
    path("petitions/", include("shuniu.petitions.urls")),
    path("hotline/", include("shuniu.hotline.urls")),
    path("public/", include("shuniu.portal.urls")),
    path("api/v1/", include("shuniu.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/login/", core_views.login_view),
    path("admin/", admin.site.urls),
]

handler400 = "shuniu.core.views.bad_request"
handler403 = "shuniu.core.views.permission_denied"
handler404 = "shuniu.core.views.page_not_found"
handler500 = "shuniu.core.views.server_error"
