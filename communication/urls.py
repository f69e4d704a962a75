from django.urls import path

from communication import views as views

urlpatterns = [
    path("updates/", views.updates, name="updates"),
    path("updates/new/", views.post_create, name="post_create"),
    path("updates/<int:pk>/", views.post_detail, name="post_detail"),
    path("updates/<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/actions/", views.my_actions, name="my_actions"),
    path("meetings/actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("accounts/email/", views.email_preferences, name="email_preferences"),
    path("email/unsubscribe/<str:token>/", views.email_unsubscribe, name="email_unsubscribe"),
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/send/", views.reminders_send, name="reminders_send"),
]
