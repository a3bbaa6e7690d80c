from django.urls import path

from hicoop.matchmaking import views

app_name = "matchmaking"
urlpatterns = [
    path("", views.run_list, name="runs"),
    path("batch/", views.run_batch, name="batch"),
    path("demands/<int:pk>/run/", views.run_for_demand, name="run-demand"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("candidates/<int:pk>/interest/", views.interest_create, name="interest-create"),
    path("interests/", views.interest_list, name="interests"),
    path(
        "offers/<slug:kind>/<int:pk>/interest/",
        views.interest_from_listing,
        name="interest-from-listing",
    ),
    path("demands/<int:pk>/interest/", views.interest_from_demand, name="interest-from-demand"),
    path("interests/<int:pk>/answer/", views.interest_answer, name="interest-answer"),
    path("interests/<int:pk>/withdraw/", views.interest_withdraw, name="interest-withdraw"),
]
