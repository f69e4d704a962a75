from django.urls import path, re_path

from pathways import editing, views

urlpatterns = [
    # Browsing ---------------------------------------------------------------------------
    path("pathways/", views.pathway_list, name="pathway_list"),
    # Any slug but "new", which is the form for a new pathway (in the editing block below).
    re_path(
        r"^pathways/(?!new/$)(?P<slug>[-a-zA-Z0-9_]+)/$",
        views.pathway_detail,
        name="pathway_detail",
    ),
    path("occupations/", views.occupation_list, name="occupation_list"),
    path("occupations/<str:soc_code>/", views.occupation_detail, name="occupation_detail"),
    path("programs/", views.program_list, name="program_list"),
    path("programs/<int:pk>/", views.program_detail, name="program_detail"),
    path("credentials/<int:pk>/", views.credential_detail, name="credential_detail"),
    # Editing ----------------------------------------------------------------------------
    path("pathways/new/", editing.pathway_create, name="pathway_create"),
    path("pathways/<slug:slug>/edit/", editing.pathway_edit, name="pathway_edit"),
    path("pathways/<slug:slug>/steps/new/", editing.step_create, name="step_create"),
    path("pathways/<slug:slug>/links/", editing.link_create, name="link_create"),
    path("pathways/<slug:slug>/history/", editing.pathway_history, name="pathway_history"),
    path(
        "pathways/<slug:slug>/history/<int:number>/",
        editing.pathway_version,
        name="pathway_version",
    ),
    path(
        "pathways/<slug:slug>/history/<int:number>/restore/",
        editing.pathway_restore,
        name="pathway_restore",
    ),
    path("steps/<int:pk>/edit/", editing.step_edit, name="step_edit"),
    path("steps/<int:pk>/delete/", editing.step_delete, name="step_delete"),
    path("links/<int:pk>/delete/", editing.link_delete, name="link_delete"),
    path("programs/new/", editing.program_create, name="program_create"),
    path("programs/<int:pk>/edit/", editing.program_edit, name="program_edit"),
    path("credentials/", editing.credential_list, name="credential_list"),
    path("credentials/new/", editing.credential_edit, name="credential_create"),
    path("credentials/<int:pk>/edit/", editing.credential_edit, name="credential_edit"),
]
