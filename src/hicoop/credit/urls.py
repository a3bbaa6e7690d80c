from django.urls import path

from hicoop.credit import views

app_name = "credit"
urlpatterns = [
    path("", views.subject_list, name="list"),
    path("new/", views.subject_create, name="create"),
    path("public/", views.public_list, name="public"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.subject_detail, name="detail"),
    path("<int:pk>/events/", views.event_record, name="record"),
    path("events/<int:pk>/object/", views.objection_submit, name="object"),
    path("events/<int:pk>/repair/", views.repair_apply, name="repair"),
    path("objections/<int:pk>/<slug:action>/", views.objection_decide, name="objection-decide"),
    path("repairs/<int:pk>/<slug:action>/", views.repair_decide, name="repair-decide"),
]
