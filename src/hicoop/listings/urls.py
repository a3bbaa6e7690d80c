from django.urls import path

from hicoop.listings import views

app_name = "listings"
urlpatterns = [
    path("review/", views.review_queue, name="review"),
    path("<slug:plural>/", views.listing_list, name="list"),
    path("<slug:plural>/new/", views.listing_create, name="create"),
    path("<slug:plural>/template.xlsx", views.listing_template, name="template"),
    path("<slug:plural>/import/", views.listing_import, name="import"),
    path("<slug:plural>/<int:pk>/", views.listing_detail, name="detail"),
    path("<slug:plural>/<int:pk>/edit/", views.listing_edit, name="edit"),
    path("<slug:plural>/<int:pk>/renew/", views.listing_renew, name="renew"),
    path("<slug:plural>/<int:pk>/attachments/", views.attachment_upload, name="attach"),
    path(
        "<slug:plural>/<int:pk>/attachments/<int:aid>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "<slug:plural>/<int:pk>/attachments/<int:aid>/delete/",
        views.attachment_delete,
        name="attachment-delete",
    ),
    path("<slug:plural>/<int:pk>/<slug:action>/", views.listing_transition, name="transition"),
]
