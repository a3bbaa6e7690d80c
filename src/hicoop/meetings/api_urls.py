from rest_framework.routers import SimpleRouter

from hicoop.meetings import api

router = SimpleRouter()
router.register("meetings", api.MeetingViewSet, basename="meeting")
router.register("meeting-topics", api.TopicViewSet, basename="meeting-topic")
router.register("meeting-requests", api.RequestViewSet, basename="meeting-request")
router.register("meeting-decisions", api.DecisionViewSet, basename="meeting-decision")
router.register("meeting-actions", api.ActionViewSet, basename="meeting-action")
urlpatterns = router.urls
