from django.urls import path

from hicoop.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.league, name="league"),
    path("run/", views.start_run, name="start-run"),
    path("runs/<int:pk>/", views.run_page, name="run"),
    path("runs/<int:pk>/publish/", views.publish_run, name="publish-run"),
    path("runs/<int:pk>/localities/<int:locality>/", views.scorecard, name="scorecard"),
    path("allocations/", views.allocations, name="allocations"),
    path("allocations/new/", views.create_scenario, name="create-scenario"),
    path("allocations/<int:pk>/adopt/", views.adopt_scenario, name="adopt"),
    path("allocations/<int:pk>/replay/", views.replay_scenario, name="replay"),
    path("datasets/", views.dataset_list, name="datasets"),
    path("datasets/<int:pk>/", views.dataset_detail, name="dataset"),
    path("datasets/<int:pk>/<slug:action>/", views.dataset_step, name="dataset-step"),
    path("commendations/", views.commendation_page, name="commendations"),
    path("commendations/find/", views.find_candidates, name="find-candidates"),
    path("commendations/publish/", views.publish_commendations, name="publish-commendations"),
    path("commendations/<int:pk>/", views.decide_commendation, name="decide-commendation"),
]
