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
]
