from django.urls import path

from hicoop.cooperation import views

app_name = "cooperation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("inbox/", views.inbox, name="inbox"),
    path("remind/<slug:kind>/<int:pk>/", views.report_remind, name="report-remind"),
    path("items/", views.item_list, name="items"),
    path("items/new/", views.item_create, name="item-create"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/adjust/", views.item_adjust, name="item-adjust"),
    path("items/<int:pk>/versions/", views.item_versions, name="item-versions"),
    path(
        "items/<int:pk>/versions/<int:number>/decision/",
        views.version_decision,
        name="version-decision",
    ),
    path("items/<int:pk>/report/", views.item_report, name="item-report"),
    path("items/<int:pk>/do/<slug:action>/", views.item_transition, name="item-transition"),
    path("reports/<int:report>/files/<int:pk>/", views.report_file, name="report-file"),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/report/", views.task_report, name="task-report"),
    path("tasks/<int:pk>/do/<slug:action>/", views.task_transition, name="task-transition"),
    path("pairings/", views.pairing_list, name="pairings"),
    path("pairings/<int:pk>/", views.pairing_detail, name="pairing"),
]
