from django.urls import path

from hicoop.core import notices_api
from hicoop.core.jobs import api as job_api

urlpatterns = [
    path("jobs/", job_api.JobList.as_view(), name="api-job-list"),
    path("jobs/<int:pk>/", job_api.JobDetail.as_view(), name="api-job-detail"),
    path("notifications/", notices_api.NotificationList.as_view(), name="api-notification-list"),
    path(
        "notifications/read/",
        notices_api.NotificationsRead.as_view(),
        name="api-notifications-read",
    ),
    path(
        "notifications/preferences/",
        notices_api.NotificationPreferences.as_view(),
        name="api-notification-preferences",
    ),
]
