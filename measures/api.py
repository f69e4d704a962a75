import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common import spreadsheet
from measures import publication
from measures.cache import cached
from measures.explain import check_scope
from measures.models import Indicator, ScopeType
from measures.publication import Audience
from partners.api import api_error, api_view
from partners.roles import roles_for

COLUMNS = [
    "period",
    "period_label",
    "scope",
    "scope_key",
    "dimension",
    "category",
    "numerator",
    "denominator",
    "value",
    "suppressed",
    "reason",
    "bound",
    "provisional",
    "reported",
    "expected",
]


def _row(cell) -> dict:
    return {
        "period": cell.period.key,
        "period_label": cell.period.label,
        "scope": cell.scope_type,
        "scope_key": cell.scope_key,
        "dimension": cell.dimension_code,
        "category": cell.category_code,
        "numerator": _number(cell.numerator),
        "denominator": _number(cell.denominator),
        "value": _number(cell.value),
        "suppressed": cell.suppressed,
        "reason": str(cell.reason_text),
        "bound": str(cell.bound),
        "provisional": cell.provisional,
        "reported": cell.reported,
        "expected": cell.expected,
    }


def _number(value):
    if value is None:
        return None
    return float(value) if value != value.to_integral_value() else int(value)


@api_view
def indicators(request: HttpRequest) -> JsonResponse:
    items = Indicator.objects.order_by("code").prefetch_related("dimensions__categories")
    return JsonResponse(
        {
            "indicators": [
                {
                    "code": i.code,
                    "name": i.name,
                    "unit": i.unit,
                    "period_type": i.period_type,
                    "aggregation": i.aggregation,
                    "stock": i.stock,
                    "dimensions": [
                        {
                            "code": d.code,
                            "name": d.name,
                            "categories": [
                                {"code": c.code, "name": c.name} for c in d.categories.all()
                            ],
                        }
                        for d in i.dimensions.all()
                    ],
                }
                for i in items
            ]
        }
    )


@api_view
def indicator_values(request: HttpRequest, code: str) -> HttpResponse:
    """The rolled-up figures of one indicator in one scope, as JSON or CSV (?format=csv)."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        return api_error(404, _("No indicator has the code %(code)s.") % {"code": code})
    scope = request.GET.get("scope", ScopeType.REGION)
    key = request.GET.get("key", "")
    if scope not in ScopeType.values:
        return api_error(
            400,
            _("scope must be one of: %(scopes)s.") % {"scopes": ", ".join(ScopeType.values)},
        )
    if scope != ScopeType.REGION and not key:
        return api_error(400, _("Give the key of the %(scope)s, e.g. &key=...") % {"scope": scope})
    output = request.GET.get("format", "json")
    if output not in ("json", "csv"):
        return api_error(400, _("format must be json or csv."))
    roles = roles_for(request.user)
    audience = Audience.of(roles)
    if not publication.may_read(audience):
        return api_error(403, _("The backbone staff have not published the figures for you."))
    try:
        organization = check_scope(roles, scope, key)
    except Http404:
        return api_error(404, _("No figures of that organization are shared with you."))
    own = [organization.slug] if organization is not None else []

    def published_rows():
        aggregates = publication.restrict(audience, own_slugs=own).filter(
            indicator=indicator, scope_type=scope
        )
        if scope != ScopeType.REGION:
            aggregates = aggregates.filter(scope_key=key)
        cells = publication.publish(
            indicator,
            aggregates.order_by("period_start", "period_type", "dimension_code", "category_code"),
            audience,
            own_slugs=own,
        )
        return [_row(cell) for cell in cells]

    # The same for every reader of this kind until the next roll-up: computed once, shared
    # (the JSON answer as written, so that it is not encoded again for each reader).
    parts = (
        "api-values", indicator.pk, indicator.updated_at, scope, key, audience.kind, *own,
        get_language(), output,
    )  # fmt: skip
    if output == "json":
        body = cached(
            parts,
            lambda: json.dumps(
                {"indicator": indicator.code, "scope": scope, "key": key, "rows": published_rows()},
                cls=DjangoJSONEncoder,
            ),
        )
        return HttpResponse(body, content_type="application/json")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}-{scope}.csv"'
    writer = spreadsheet.DictWriter(response, fieldnames=COLUMNS)
    writer.writeheader()
    for row in cached(parts, published_rows):
        if row["suppressed"]:
            row = {**row, "value": row["bound"] or "suppressed"}
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return response
