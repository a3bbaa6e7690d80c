from django.urls import path

from hicoop.talent import api

urlpatterns = [
    path("talent/versions/", api.VersionList.as_view(), name="api-talent-versions"),
    path("talent/versions/<int:pk>/", api.VersionDetail.as_view(), name="api-talent-version"),
    path("talent/versions/<int:pk>/diff/", api.VersionDiff.as_view(), name="api-talent-diff"),
    path("talent/versions/<int:pk>/impact/", api.Impact.as_view(), name="api-talent-impact"),
    path("talent/check/", api.Check.as_view(), name="api-talent-check"),
    path("talent/estimate/", api.Estimate.as_view(), name="api-talent-estimate"),
    path("talent/permits/", api.PermitList.as_view(), name="api-talent-permits"),
    path("talent/permits/<int:pk>/", api.PermitDetail.as_view(), name="api-talent-permit"),
]
