from django.urls import path

from hicoop.taxonomy import views

app_name = "taxonomy"
urlpatterns = [path("", views.field_list, name="fields")]
