from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import national_identity, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("dang-ky/", views.register, name="register"),
    path("xac-nhan/", views.confirm_contact, name="confirm_contact"),
    path("tai-khoan/", views.profile, name="profile"),
    path("tai-khoan/khoa-api/", views.api_token_create, name="api_token_create"),
    path("tai-khoan/khoa-api/<int:pk>/thu-hoi/", views.api_token_revoke, name="api_token_revoke"),
    path("dinh-danh/", national_identity.NationalIdentitySignIn.as_view(), name="national_identity"),
    path(
        "dinh-danh/xong/",
        national_identity.NationalIdentityCallback.as_view(),
        name="national_identity_callback",
    ),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
