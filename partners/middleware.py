from django.core.exceptions import PermissionDenied

from partners.roles import roles_for

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class ReadOnlyRolesMiddleware:
    """Refuse every write from a read-only person (a funder) with 403, whatever the route.

    Each view's access helper refuses them too; this keeps a route added without one from
    becoming a hole. Views about one's own account are marked ``open_to_read_only``
    (common/access.py); the Django admin keeps its own permissions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return None
        if getattr(view_func, "open_to_read_only", False):
            return None
        match = request.resolver_match
        if match is None or "admin" in match.namespaces:
            return None
        if roles_for(request.user).read_only:
            raise PermissionDenied("This account can read but not change anything.")
        return None
