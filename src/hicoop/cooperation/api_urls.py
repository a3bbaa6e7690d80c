from django.urls import path
from rest_framework.routers import SimpleRouter

from hicoop.cooperation import api

router = SimpleRouter()
router.register("items", api.ItemViewSet, basename="item")
router.register("tasks", api.TaskViewSet, basename="task")
router.register("pairings", api.PairingViewSet, basename="pairing")
urlpatterns = [
    path("cooperation/dashboard/", api.dashboard, name="cooperation-dashboard"),
    path("cooperation/inbox/", api.inbox, name="cooperation-inbox"),
    *router.urls,
]
