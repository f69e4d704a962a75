from django.urls import path

from agenda import views

urlpatterns = [
    path("agenda/", views.agenda_detail, name="agenda"),
    path("agenda/edit/", views.agenda_edit, name="agenda_edit"),
    path("agenda/goals/new/", views.goal_create, name="goal_create"),
    path("agenda/goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("agenda/goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("agenda/goals/<int:pk>/strategies/new/", views.strategy_create, name="strategy_create"),
    path("agenda/strategies/<int:pk>/edit/", views.strategy_edit, name="strategy_edit"),
    path("agenda/strategies/<int:pk>/delete/", views.strategy_delete, name="strategy_delete"),
    path("agenda/targets/<slug:code>/", views.targets_edit, name="targets_edit"),
    path("agenda/history/", views.agenda_history, name="agenda_history"),
    path("agenda/history/<int:number>/", views.agenda_version, name="agenda_version"),
    path("agenda/history/<int:number>/restore/", views.agenda_restore, name="agenda_restore"),
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
