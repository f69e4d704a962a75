from django.urls import path

from agenda import network_views as views

urlpatterns = [
    path("network/", views.network, name="network"),
]
