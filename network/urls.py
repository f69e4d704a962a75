from django.urls import path

from network import map_views, views

urlpatterns = [
    path("network/", map_views.network, name="network"),
    path("partnerships/", views.partnership_list, name="partnership_list"),
    path("partnerships/new/", views.partnership_create, name="partnership_create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path("working-groups/", views.working_group_list, name="working_group_list"),
    path("working-groups/new/", views.working_group_create, name="working_group_create"),
    path("working-groups/<slug:slug>/", views.working_group_detail, name="working_group_detail"),
    path("working-groups/<slug:slug>/edit/", views.working_group_edit, name="working_group_edit"),
    path(
        "working-groups/<slug:slug>/members/",
        views.working_group_members,
        name="working_group_members",
    ),
    path(
        "working-groups/<slug:slug>/members/<int:user_id>/remove/",
        views.working_group_member_remove,
        name="working_group_member_remove",
    ),
    path("working-groups/<slug:slug>/lead/", views.working_group_lead, name="working_group_lead"),
]
