from django.urls import path

from hicoop.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("generate/", views.generate, name="generate"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/file/<str:suffix>/", views.report_file, name="file"),
    path("network/", views.network_page, name="network"),
    path("progress/", views.progress, name="progress"),
]
