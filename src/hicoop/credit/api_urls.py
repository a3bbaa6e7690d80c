from django.urls import path

from hicoop.credit import api

urlpatterns = [
    path("credit/subjects/", api.SubjectList.as_view(), name="api-credit-subjects"),
    path("credit/subjects/<int:pk>/", api.SubjectDetail.as_view(), name="api-credit-subject"),
    path("credit/events/", api.EventList.as_view(), name="api-credit-events"),
    path(
        "credit/events/<int:pk>/objections/",
        api.ObjectionCreate.as_view(),
        name="api-credit-object",
    ),
    path(
        "credit/objections/<int:pk>/<slug:action>/",
        api.ObjectionDecide.as_view(),
        name="api-credit-objection-decide",
    ),
]
