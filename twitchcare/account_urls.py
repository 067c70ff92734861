from django.contrib.auth import views as auth_views
from django.urls import path

from twitchcare import accounts
from twitchcare.ratelimit import rate_limit_form

urlpatterns = [
    path("signup/", rate_limit_form("signup", "email")(accounts.signup), name="signup"),
    path("settings/", accounts.account_settings, name="account_settings"),
    path("sign-out-everywhere/", accounts.sign_out_everywhere, name="sign_out_everywhere"),
    path(
        "login/",
        rate_limit_form("login", "username")(
            auth_views.LoginView.as_view(redirect_authenticated_user=True)
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password_reset/",
        rate_limit_form("password_reset", "email")(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
