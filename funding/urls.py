from django.urls import path

from funding import views as views

urlpatterns = [
    path("funding/", views.funding_alignment, name="funding"),
    path("funding/new/", views.stream_create, name="funding_stream_create"),
    path("funding/<int:pk>/edit/", views.stream_edit, name="funding_stream_edit"),
    path("funding/<int:pk>/delete/", views.stream_delete, name="funding_stream_delete"),
]
