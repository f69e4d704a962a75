"""The unread-notification count in the page header: one COUNT per request, on the
(user, read_at) index."""

from django import template

from communication.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    cached = getattr(request, "_unread_notifications", None)
    if cached is None:
        cached = Notification.objects.filter(user=user, read_at__isnull=True).count()
        if request is not None:
            request._unread_notifications = cached
    return cached
