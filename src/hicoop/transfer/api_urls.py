from rest_framework.routers import SimpleRouter

from hicoop.transfer import api

router = SimpleRouter()
router.register("transfers", api.TransferViewSet, basename="transfer")
urlpatterns = router.urls
