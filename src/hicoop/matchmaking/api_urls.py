from rest_framework.routers import SimpleRouter

from hicoop.matchmaking import api

router = SimpleRouter()
router.register("match-runs", api.RunViewSet, basename="match-run")
router.register("interests", api.InterestViewSet, basename="interest")
urlpatterns = router.urls
