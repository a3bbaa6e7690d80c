from rest_framework.routers import SimpleRouter

from hicoop.taxonomy import api

router = SimpleRouter()
router.register("measures", api.MeasureViewSet, basename="measure")
router.register("fields", api.FieldViewSet, basename="field")
urlpatterns = router.urls
