from django.http import HttpRequest, JsonResponse

from common.api import api_view
from partners.models import Organization


@api_view
def organizations(request: HttpRequest) -> JsonResponse:
    rows = Organization.objects.order_by("name").values("slug", "name", "sector_type", "county")
    return JsonResponse({"organizations": list(rows)})
