from django.urls import path

from hicoop.policies import api

urlpatterns = [
    path("policies/", api.PolicyList.as_view(), name="api-policy-list"),
    path("policies/applicable/", api.Applicable.as_view(), name="api-policy-applicable"),
    path("policies/editions/", api.EditionList.as_view(), name="api-edition-list"),
    path("policies/editions/<int:year>/", api.EditionDetail.as_view(), name="api-edition-detail"),
    path("policies/editions/<int:year>/diff/", api.EditionDiff.as_view(), name="api-edition-diff"),
    path("policies/citations/", api.CitationList.as_view(), name="api-citation-list"),
    path("policies/citations/<int:pk>/", api.CitationDetail.as_view(), name="api-citation-detail"),
    path("policies/<int:pk>/", api.PolicyDetail.as_view(), name="api-policy-detail"),
    path("policies/<int:pk>/versions/", api.VersionList.as_view(), name="api-policy-versions"),
    path("policies/<int:pk>/diff/", api.VersionDiff.as_view(), name="api-policy-diff"),
    path("policies/<int:pk>/amend/", api.Amend.as_view(), name="api-policy-amend"),
    path("policies/<int:pk>/repeal/", api.Repeal.as_view(), name="api-policy-repeal"),
    path("policies/<int:pk>/supersede/", api.Supersede.as_view(), name="api-policy-supersede"),
    path("policies/<int:pk>/publish/", api.Publish.as_view(), name="api-policy-publish"),
    path(
        "policies/<int:pk>/versions/<int:number>/clauses/",
        api.ClauseList.as_view(),
        name="api-policy-clauses",
    ),
    path(
        "policies/<int:pk>/versions/<int:number>/clauses/<str:address>/",
        api.ClauseDetail.as_view(),
        name="api-policy-clause",
    ),
]
