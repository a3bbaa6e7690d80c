from rest_framework.routers import SimpleRouter

from hicoop.evaluation import api

router = SimpleRouter()
router.register("evaluation/scores", api.ScoreViewSet, basename="evaluation-score")
router.register("evaluation/allocations", api.AllocationViewSet, basename="evaluation-allocation")
router.register("evaluation/runs", api.RunViewSet, basename="evaluation-run")
router.register("evaluation/datasets", api.DataSetViewSet, basename="evaluation-dataset")
urlpatterns = router.urls
