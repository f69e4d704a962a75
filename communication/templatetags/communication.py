"""The unread-notification count in the page header (communication/unread.py)."""

from django import template

from communication import unread

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return unread.count(user)
