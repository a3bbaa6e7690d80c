"""Top-level URL configuration."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from hicoop.core import views as core_views

api_v1 = [
    path("", include("hicoop.core.api_urls")),
    path("", include("hicoop.parties.api_urls")),
    path("", include("hicoop.taxonomy.api_urls")),
    path("", include("hicoop.accounts.api_urls")),
    path("", include("hicoop.listings.api_urls")),
    path("", include("hicoop.cooperation.api_urls")),
    path("", include("hicoop.matchmaking.api_urls")),
    path("", include("hicoop.policies.api_urls")),
    path("", include("hicoop.transfer.api_urls")),
    path("", include("hicoop.talent.api_urls")),
    path("", include("hicoop.credit.api_urls")),
    path("", include("hicoop.meetings.api_urls")),
    path("", include("hicoop.evaluation.api_urls")),
    path("", include("hicoop.reports.api_urls")),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("", include("hicoop.core.urls")),
    path("accounts/", include("hicoop.accounts.urls")),
    path("parties/", include("hicoop.parties.urls")),
    path("fields/", include("hicoop.taxonomy.urls")),
    path("cooperation/", include("hicoop.cooperation.urls")),
    path("matching/", include("hicoop.matchmaking.urls")),
    path("policies/", include("hicoop.policies.urls")),
    path("transfer/", include("hicoop.transfer.urls")),
    path("talent/", include("hicoop.talent.urls")),
    path("credit/", include("hicoop.credit.urls")),
    path("meetings/", include("hicoop.meetings.urls")),
    path("evaluation/", include("hicoop.evaluation.urls")),
    path("reports/", include("hicoop.reports.urls")),
    path("", include("hicoop.listings.urls")),
]

handler404 = core_views.page_not_found
handler403 = core_views.permission_denied
handler500 = core_views.server_error

__all__ = ["i18n_patterns", "urlpatterns"]
