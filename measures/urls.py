from django.urls import path

from measures import api, console, import_views, views

urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<slug:code>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<slug:code>/explain/", views.explain, name="explain"),
    path("figures/rules/", views.disclosure_rules, name="disclosure_rules"),
    path("api/indicators/", api.indicators, name="api_indicators"),
    path("api/indicators/<slug:code>/values", api.indicator_values, name="api_indicator_values"),
    path("breakdowns/", views.dimension_list, name="dimension_list"),
    path("breakdowns/new/", views.dimension_edit, name="dimension_create"),
    path("breakdowns/<slug:code>/edit/", views.dimension_edit, name="dimension_edit"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/review/", views.review_queue, name="review_queue"),
    path("reports/calendar/", views.report_calendar, name="report_calendar"),
    path("reports/import/", import_views.import_values, name="import_values"),
    path("reports/import/template.csv", import_views.import_template, name="import_template"),
    path("reports/import/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("reports/<slug:slug>/<str:period>/", views.report, name="report"),
    path("reports/<slug:slug>/<str:period>/history/", views.report_history, name="report_history"),
    path("reports/<slug:slug>/<str:period>/approve/", views.report_approve, name="report_approve"),
    path("reports/<slug:slug>/<str:period>/return/", views.report_return, name="report_return"),
    path("reports/<slug:slug>/<str:period>/reopen/", views.report_reopen, name="report_reopen"),
    path("console/", console.console, name="console"),
    path("pathways/<slug:slug>/measures/", views.pathway_measures, name="pathway_measures"),
]
