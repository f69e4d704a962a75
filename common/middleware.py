from django.core.exceptions import PermissionDenied

from partners.roles import roles_for

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# Looking after one's own account is open to every signed-in person, funders included.
ACCOUNT_ROUTES = frozenset(
    {
        "login",
        "logout",
        "password_change",
        "password_reset",
        "password_reset_confirm",
        "invitation_accept",
        "token_list",
        "token_revoke",
        # Their own email and notifications: funders choose what they are emailed, follow an
        # emailed one-click unsubscribe link (which may be POSTed while signed in), and mark
        # their own notifications read. None of these changes anything anyone else sees.
        "email_preferences",
        "email_unsubscribe",
        "notification_read",
        "notifications_read_all",
    }
)


class ReadOnlyRolesMiddleware:
    """Refuse every write from a read-only person (a funder) with 403, whatever the route.

    Each view's access helper refuses them too; this keeps a route added without one from
    becoming a hole. The Django admin keeps its own permissions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is None or match.url_name in ACCOUNT_ROUTES or "admin" in match.namespaces:
            return None
        if roles_for(request.user).read_only:
            raise PermissionDenied("This account can read but not change anything.")
        return None
