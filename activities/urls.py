from django.urls import path

from activities import views as views

urlpatterns = [
    path("activities/", views.matrix, name="activities"),
    path("activities/new/", views.commitment_create, name="commitment_create"),
    path("activities/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("activities/<int:pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path("activities/<int:pk>/delete/", views.commitment_delete, name="commitment_delete"),
    path("activities/<int:pk>/progress/", views.commitment_progress, name="commitment_progress"),
]
