from django.urls import path

from hicoop.core import kit_views, pick_views, views
from hicoop.core.jobs import views as job_views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", job_views.job_list, name="jobs"),
    path("pick/<slug:name>/", pick_views.pick, name="pick"),
    path("jobs/<int:pk>/", job_views.job_page, name="job"),
    path("files/<int:pk>/", kit_views.attachment_download, name="attachment"),
    path("notifications/", kit_views.notification_list, name="notifications"),
    path("notifications/read/", kit_views.notifications_read, name="notifications-read"),
    path("notifications/<int:pk>/", kit_views.notification_open, name="notification-open"),
]
