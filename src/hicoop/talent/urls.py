from django.urls import path

from hicoop.talent import views

app_name = "talent"
urlpatterns = [
    path("", views.home, name="home"),
    path("versions/new/", views.version_create, name="version-create"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/diff/", views.version_diff, name="diff"),
    path("versions/<int:pk>/impact/", views.impact, name="impact"),
    path("versions/<int:pk>/entries/", views.entry_add, name="entry-add"),
    path("versions/<int:pk>/entries/<int:entry>/", views.entry_change, name="entry-change"),
    path("versions/<int:pk>/do/<slug:action>/", views.version_transition, name="transition"),
    path("check/", views.check, name="check"),
    path("prechecks/", views.prechecks, name="prechecks"),
    path("permits/", views.permit_list, name="permits"),
    path("permits/new/", views.permit_create, name="permit-create"),
    path("permits/import/", views.permit_import, name="permit-import"),
    path("permits/export/", views.permit_export, name="permit-export"),
    path("permits/<int:pk>/", views.permit_detail, name="permit"),
]
