from django.urls import path

from hicoop.policies.views import applicable, catalogue, editing, editions

app_name = "policies"
urlpatterns = [
    path("", catalogue.policy_list, name="list"),
    path("new/", editing.policy_create, name="create"),
    path("import-template/", catalogue.import_template, name="import-template"),
    path("applicable/", applicable.applicable, name="applicable"),
    path("applicable/save/", applicable.profile_save, name="profile-save"),
    path("cite/", applicable.cite, name="cite"),
    path("citations/<int:pk>/remove/", applicable.uncite, name="uncite"),
    path("editions/", editions.edition_list, name="editions"),
    path("editions/new/", editions.edition_create, name="edition-create"),
    path("editions/<int:year>/", editions.edition_detail, name="edition"),
    path("editions/<int:year>/diff/", editions.edition_diff, name="edition-diff"),
    path("editions/<int:year>/export.<slug:fmt>", editions.edition_export, name="edition-export"),
    path("editions/<int:year>/entries/", editions.edition_entry_add, name="entry-add"),
    path(
        "editions/<int:year>/entries/<int:pk>/", editions.edition_entry_change, name="entry-change"
    ),
    path(
        "editions/<int:year>/do/<slug:action>/",
        editions.edition_transition,
        name="edition-transition",
    ),
    path("<int:pk>/", catalogue.policy_detail, name="detail"),
    path("<int:pk>/edit/", editing.policy_edit, name="edit"),
    path("<int:pk>/publish/", editing.policy_publish, name="publish"),
    path("<int:pk>/change/<slug:action>/", editing.policy_change, name="change"),
    path("<int:pk>/diff/<int:old>/<int:new>/", catalogue.version_diff, name="diff"),
    path("<int:pk>/clauses/<str:address>/", catalogue.clause_detail, name="clause"),
]
