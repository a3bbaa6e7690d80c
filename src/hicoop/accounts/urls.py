from django.urls import path

from hicoop.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile, name="profile"),
    path("me/token/", views.rotate_token, name="rotate-token"),
    path("me/password/", views.password_change, name="password"),
    path("me/notifications/", views.notice_settings, name="notice-settings"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_create, name="user-create"),
    path("users/<int:pk>/", views.user_detail, name="user"),
]
