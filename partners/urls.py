from django.urls import path

from partners import views

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
]
