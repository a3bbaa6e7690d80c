from django.urls import URLPattern

app_name = "credit"
urlpatterns: list[URLPattern] = []
