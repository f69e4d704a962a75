"""The read-only JSON API: signed in by session, or by a personal token in the
Authorization header ("Bearer <token>"). Problems answer 4xx with a JSON reason."""

from functools import wraps

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import ApiToken, Organization


def api_error(status: int, reason: str) -> JsonResponse:
    return JsonResponse({"error": reason}, status=status)


def api_view(view):
    """GET only; a valid token (or session) is required; the user is set from the token."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return api_error(405, _("The API is read-only: use GET."))
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _space, key = header.partition(" ")
            if scheme.lower() not in ("bearer", "token") or not key.strip():
                return api_error(401, _("Send the token as: Authorization: Bearer <token>."))
            token = ApiToken.objects.for_key(key.strip()).select_related("user").first()
            if token is None or not token.user.is_active:
                return api_error(401, _("This token is not valid, or has been revoked."))
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
            request.user = token.user
        elif not request.user.is_authenticated:
            return api_error(401, _("Sign in, or send a token: Authorization: Bearer <token>."))
        return view(request, *args, **kwargs)

    wrapper.csrf_exempt = True
    return wrapper


@api_view
def organizations(request: HttpRequest) -> JsonResponse:
    rows = Organization.objects.order_by("name").values("slug", "name", "sector_type", "county")
    return JsonResponse({"organizations": list(rows)})
