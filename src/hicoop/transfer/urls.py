from django.urls import path

from hicoop.transfer import views

app_name = "transfer"
urlpatterns = [
    path("", views.transfer_list, name="list"),
    path("new/", views.transfer_form, name="create"),
    path("import/", views.transfer_import, name="import"),
    path("flows/", views.flows_page, name="flows"),
    path("pilot/", views.pilot_page, name="pilot"),
    path("pilot/grants/", views.grant_create, name="grant-create"),
    path("pilot/grants/<int:pk>/decide/", views.grant_decide, name="grant-decide"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("pilot/institutions/", views.institution_create, name="institution-create"),
    path("campaigns/new/", views.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/adoptions/", views.adoption_create, name="adoption-create"),
    path(
        "campaigns/<int:pk>/adoptions/<int:adoption>/contract/",
        views.adoption_contract,
        name="adoption-contract",
    ),
    path("organisations/", views.organisations, name="organisations"),
    path("<int:pk>/", views.transfer_detail, name="detail"),
    path("<int:pk>/edit/", views.transfer_form, name="edit"),
    path("<int:pk>/step/<slug:action>/", views.transfer_step, name="step"),
    path("<int:pk>/payments/", views.transfer_payment, name="payment"),
    path("<int:pk>/files/", views.transfer_upload, name="upload"),
]
