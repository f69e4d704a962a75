"""The backbone console: reporting completeness, the approval queue, data-quality flags and
the last roll-ups, on one page for backbone staff.

The data-quality flags read every value of the window, which at the design scale takes a
good part of a second; they are cached under a stamp of the stored values (the newest value,
the newest change of a value, the newest change of a submission), so any entry, change or
review makes them be worked out again.

The number of SQL queries does not grow with organizations, periods or values: the
default period type one, the completeness matrix two (the organizations expected to report,
the submissions of the window), the queue one, the outliers two, the breakdowns one and the
roll-ups two.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from common.cache import cached
from common.htmx import is_fragment_request, render_page
from measures.models import DataValue, RollupRun, Submission, ValueChange
from measures.periods import PeriodType
from measures.quality import FLAG_LIMIT, breakdown_flags, outlier_flags
from measures.reporting import CONSOLE_PERIODS, completeness, most_used_period_type
from measures.views import awaiting_review
from partners.access import require_backbone

QUEUE_LIMIT = 100


class ConsoleForm(forms.Form):
    period_type = forms.ChoiceField(label=_("Period type"), choices=PeriodType.choices)


def last_rollups() -> list[tuple[str, RollupRun | None]]:
    """The latest full rebuild and the latest incremental roll-up; two queries."""
    return [
        (label, RollupRun.objects.filter(kind=kind).order_by("-started_at", "-pk").first())
        for kind, label in RollupRun.Kind.choices
    ]


@login_required
@require_GET
def console(request: HttpRequest) -> HttpResponse:
    """Where the partnership's reporting stands. The period-type filter works as a plain GET
    form; with htmx it swaps the window (matrix, queue and flags) in place."""
    require_backbone(request.user)
    default = most_used_period_type()
    form = ConsoleForm(request.GET if "period_type" in request.GET else None)
    # An unknown period type falls back to the default, as other filters do.
    period_type = form.cleaned_data["period_type"] if form.is_valid() else default
    form = ConsoleForm(initial={"period_type": period_type})
    matrix = completeness(period_type, timezone.localdate(), CONSOLE_PERIODS)
    starts = [period.start for period in matrix.periods]
    late = matrix.late()
    context = {
        "form": form,
        "period_type_label": PeriodType(period_type).label,
        "matrix": matrix,
        "late": late[:FLAG_LIMIT],
        "more_late": len(late) > FLAG_LIMIT,
        **_flags(period_type, starts),
    }
    awaiting = list(awaiting_review()[: QUEUE_LIMIT + 1])
    context.update(awaiting=awaiting[:QUEUE_LIMIT], more_awaiting=len(awaiting) > QUEUE_LIMIT)
    context["glance"] = {
        "latest": matrix.summary[-1] if matrix.summary else None,
        "overdue": sum(1 for cell in matrix.cells if cell.is_overdue),
        "awaiting": len(context["awaiting"]),
        "flags": len(context["outliers"].items) + len(context["breakdowns"].items),
        "late": len(late),
    }
    if not is_fragment_request(request):
        context["rollups"] = last_rollups()
    return render_page(request, "measures/console.html", context, fragment="window")


def _values_stamp() -> str:
    newest_value = DataValue.objects.aggregate(n=Max("pk"))["n"]
    newest_change = ValueChange.objects.aggregate(n=Max("pk"))["n"]
    newest_review = Submission.objects.aggregate(n=Max("updated_at"))["n"]
    return f"{newest_value}:{newest_change}:{newest_review}"


def _flags(period_type: str, starts) -> dict:
    return cached(
        "console-flags",
        (period_type, starts),
        lambda: {
            "outliers": outlier_flags(period_type, starts),
            "breakdowns": breakdown_flags(period_type, starts),
        },
        stamp=_values_stamp(),
    )
