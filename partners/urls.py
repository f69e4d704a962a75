from django.urls import path

from partners import api, views

urlpatterns = [
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("organizations/<slug:slug>/edit/", views.organization_edit, name="organization_edit"),
    path(
        "organizations/<slug:slug>/invitations/",
        views.invitation_list,
        name="invitation_list",
    ),
    path(
        "organizations/<slug:slug>/invitations/new/",
        views.invitation_create,
        name="invitation_create",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("accounts/tokens/", views.token_list, name="token_list"),
    path("accounts/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("api/organizations/", api.organizations, name="api_organizations"),
]
