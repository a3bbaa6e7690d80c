from rest_framework.routers import SimpleRouter

from hicoop.listings import api

router = SimpleRouter()
router.register("demands", api.DemandViewSet, basename="demand")
router.register("capabilities", api.CapabilityViewSet, basename="capability")
router.register("achievements", api.AchievementViewSet, basename="achievement")
urlpatterns = router.urls
