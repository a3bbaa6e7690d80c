from django.urls import path
from rest_framework.routers import SimpleRouter

from hicoop.parties import api

router = SimpleRouter()
router.register("parties", api.PartyViewSet, basename="party")
urlpatterns = [
    path("priority-matrix/", api.PriorityMatrixView.as_view(), name="priority-matrix"),
    *router.urls,
]
