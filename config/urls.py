from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from common.access import open_to_read_only
from common.languages import set_language
from config import views
from partners.forms import EmailAuthenticationForm
from partners.password_reset import ThrottledPasswordResetView

account_patterns = [
    path(
        "login/",
        open_to_read_only(
            auth_views.LoginView.as_view(
                authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logout/", open_to_read_only(auth_views.LogoutView.as_view()), name="logout"),
    path("language/", open_to_read_only(set_language), name="set_language"),
    path(
        "password/change/",
        open_to_read_only(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        open_to_read_only(ThrottledPasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        open_to_read_only(auth_views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include(account_patterns)),
    path("", include("partners.urls")),
    path("", include("pathways.urls")),
    path("", include("measures.urls")),
    path("", include("agenda.urls")),
    path("", include("dashboards.urls")),
    path("", include("network.urls")),
    path("", include("activities.urls")),
    path("", include("funding.urls")),
    path("", include("communication.urls")),
    path("admin/", admin.site.urls),
]
