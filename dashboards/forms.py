from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agenda import versions
from common.cache import cached, counter
from common.forms import StaleGuardMixin
from measures.apps import LIBRARY
from measures.models import Indicator, Publication
from measures.periods import Period, PeriodType, parse_period
from partners.models import SectorType


class PublicationForm(StaleGuardMixin, forms.ModelForm):
    """Who reads the figures, and the disclosure settings backbone staff may tighten. A
    setting left out of a submission keeps its current value."""

    class Meta:
        model = Publication
        fields = ["for_funders", "public", "min_organizations", "complete_percent"]
        error_messages = {
            "min_organizations": {
                "min_value": _(
                    "At least 3 organizations stand behind every published figure: the "
                    "number may be raised, never lowered below 3."
                ),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("min_organizations", "complete_percent"):
            self.fields[name].required = False

    def _clean_kept(self, name):
        value = self.cleaned_data.get(name)
        return getattr(self.instance, name) if value is None else value

    def clean_min_organizations(self):
        return self._clean_kept("min_organizations")

    def clean_complete_percent(self):
        return self._clean_kept("complete_percent")


class ShareLinkForm(forms.Form):
    label = forms.CharField(label=_("Who is it for?"), max_length=200)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=30)

    def expires_at(self):
        return timezone.now() + timedelta(days=self.cleaned_data["days"])


def _offered(indicator: Indicator) -> dict:
    kinds = [indicator.period_type, *indicator.rolled_up_period_types]
    places = (
        indicator.reporting_organizations.order_by("county", "sector_type")
        .values_list("county", "sector_type")
        .distinct()
    )
    counties = sorted({c for c, _t in places if c})
    types = sorted({t for _c, t in places})
    scopes = [("region", str(_("The whole region")))]
    scopes += [(f"county:{c}", str(_("%(county)s County") % {"county": c})) for c in counties]
    scopes += [(f"org_type:{t}", str(SectorType(t).label)) for t in types]
    targets = list(indicator.targets.order_by("period_start"))
    baseline = next((t for t in targets if t.kind == "baseline"), targets[0]) if targets else None
    return {
        "period_types": [(k, str(PeriodType(k).label)) for k in kinds],
        "scopes": scopes,
        "dimensions": [(d.code, str(d.name)) for d in indicator.dimensions.all()],
        "baseline": (baseline.period_type, baseline.period.key) if baseline else None,
    }


def library_stamp() -> str:
    """The version of what is drawn from the indicator library: moved on by any change of
    its indicators, breakdowns, targets and organizations, and of the agenda (a restored
    version writes targets in bulk)."""
    return f"{counter(LIBRARY)}:{versions.stamp()}"


def offered_filters(indicator: Indicator) -> dict:
    """What an indicator page offers to filter by, and the baseline it starts from, read
    once per change of the indicator library, per language, and shared."""
    return cached(
        "indicator-filters",
        (indicator.pk, get_language()),
        lambda: _offered(indicator),
        stamp=library_stamp(),
    )


class IndicatorFilterForm(forms.Form):
    """The indicator page's filters, read from the URL so a view can be bookmarked."""

    period_type = forms.ChoiceField(label=_("Periods"), required=False)
    start = forms.CharField(label=_("From"), max_length=12, required=False)
    end = forms.CharField(label=_("To"), max_length=12, required=False)
    scope = forms.ChoiceField(label=_("Where"), required=False)
    dimension = forms.ChoiceField(label=_("Breakdown"), required=False)

    DEFAULT_PERIODS = 12

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        offered = offered_filters(indicator)
        self.fields["period_type"].choices = offered["period_types"]
        self.fields["scope"].choices = offered["scopes"]
        self.fields["dimension"].choices = [("", _("None")), *offered["dimensions"]]
        self._offered = offered

    def _default_type_and_start(self):
        if self._offered["baseline"] is not None:
            period_type, key = self._offered["baseline"]
            return period_type, parse_period(key)
        period = Period.containing(self.indicator.period_type, timezone.localdate())
        for _i in range(self.DEFAULT_PERIODS):
            period = period.previous()
        return self.indicator.period_type, period

    def defaults(self) -> dict:
        period_type, start = self._default_type_and_start()
        dimensions = self._offered["dimensions"]
        return {
            "period_type": period_type,
            "start": start,
            "end": None,
            "scope_type": "region",
            "scope_key": "",
            "dimension_code": dimensions[0][0] if dimensions else "",
        }

    def _clean_period(self, name):
        text = self.cleaned_data.get(name, "").strip()
        if not text:
            return None
        try:
            return parse_period(text)
        except ValueError:
            raise forms.ValidationError(
                _("Write a period such as 2025, 2025-Q3, 2025-07, SY2024-25, FFY2025 or PY2024.")
            ) from None

    def clean_start(self):
        return self._clean_period("start")

    def clean_end(self):
        return self._clean_period("end")

    def clean(self):
        cleaned = super().clean()
        defaults = self.defaults()
        kind = cleaned.get("period_type") or defaults["period_type"]
        cleaned["period_type"] = kind
        for name in ("start", "end"):
            period = cleaned.get(name)
            if period is not None and period.type != kind:
                self.add_error(
                    name,
                    _("Choose a period of the kind selected in “Periods” (%(kind)s).")
                    % {"kind": PeriodType(kind).label},
                )
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start.type == end.type and end < start:
            self.add_error("end", _("“To” comes before “From”."))
        return cleaned

    def query(self) -> str:
        """The valid choices as a canonical query string (known fields only, in one order):
        what links and cache keys are built from, never the raw query string."""
        data = self.cleaned_data
        pairs = [
            ("period_type", data.get("period_type") or ""),
            ("start", data["start"].key if data.get("start") else ""),
            ("end", data["end"].key if data.get("end") else ""),
            ("scope", data.get("scope") or ""),
            ("dimension", data.get("dimension") or ""),
        ]
        return urlencode([(name, value) for name, value in pairs if value])

    def filters(self) -> dict:
        data = self.cleaned_data
        scope = data.get("scope") or "region"
        scope_type, _sep, scope_key = scope.partition(":")
        return {
            "period_type": data["period_type"],
            "start": data.get("start"),
            "end": data.get("end"),
            "scope_type": scope_type,
            "scope_key": scope_key,
            "dimension_code": data.get("dimension") or "",
        }
