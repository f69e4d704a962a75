from django.urls import path

from dashboards import explore, views

urlpatterns = [
    # The public career explorer (dashboards/explore.py) ---------------------------------
    path("explore/", explore.explore, name="explore"),
    path("explore/jobs/<str:soc_code>/", explore.explore_job, name="explore_job"),
    path("explore/<slug:slug>/", explore.explore_pathway, name="explore_pathway"),
    path(
        "explore/<slug:slug>/ctdl.json", explore.explore_pathway_ctdl, name="explore_pathway_ctdl"
    ),
    path("explore/<slug:slug>/embed/", explore.explore_embed, name="explore_embed"),
    # Dashboards -------------------------------------------------------------------------
    path("dashboard/", views.dashboard, name="dashboard"),
    path(
        "dashboard/indicators/<slug:code>/",
        views.indicator_dashboard,
        name="indicator_dashboard",
    ),
    path(
        "dashboard/indicators/<slug:code>/data.csv",
        views.indicator_dashboard_csv,
        name="indicator_dashboard_csv",
    ),
    path("dashboard/publishing/", views.publishing, name="publishing"),
    path("dashboard/publishing/links/", views.share_link_create, name="share_link_create"),
    path(
        "dashboard/publishing/links/<int:pk>/revoke/",
        views.share_link_revoke,
        name="share_link_revoke",
    ),
    path("public/", views.public_dashboard, name="public_dashboard"),
    path("public/embed/", views.public_embed, name="public_embed"),
    path("public/indicators/<slug:code>/", views.public_indicator, name="public_indicator"),
    path(
        "public/indicators/<slug:code>/data.csv",
        views.public_indicator_csv,
        name="public_indicator_csv",
    ),
    path("shared/<str:token>/", views.shared_dashboard, name="shared_dashboard"),
    path("shared/<str:token>/embed/", views.shared_embed, name="shared_embed"),
    path(
        "shared/<str:token>/indicators/<slug:code>/",
        views.shared_indicator,
        name="shared_indicator",
    ),
    path(
        "shared/<str:token>/indicators/<slug:code>/data.csv",
        views.shared_indicator_csv,
        name="shared_indicator_csv",
    ),
]
