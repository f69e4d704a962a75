from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda import versions
from agenda.models import Agenda, Goal, Strategy
from common.forms import BilingualMixin, in_each_language
from common.languages import CODES
from measures.figures import display
from measures.models import Indicator
from measures.periods import Period, PeriodType, parse_period


class VersionedForm(forms.Form):
    """Every edit of the agenda says what changed, and refuses to overwrite an edit made by
    someone else since the page was opened (the text typed is kept on the page)."""

    summary = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("A few words for the history, e.g. “Raised the 2027 target”."),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput)

    stale = False

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get("base_version")
        latest = versions.latest_number()
        if base is not None and base != latest:
            self.mark_stale(latest)
        elif "base_version" in self.errors:
            self._rebase(latest)
        return cleaned

    def mark_stale(self, latest: int) -> None:
        """Someone saved version ``latest`` since the page was opened (found by the form, or
        by the save itself when two were made at once)."""
        self.stale = True
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "Someone else saved the agenda (version %(latest)s) since you opened "
                    "this page. Your text is kept below: check the history, then save again."
                ),
                params={"latest": latest},
                code="stale",
            ),
        )
        self._rebase(latest)

    def _rebase(self, latest: int) -> None:
        # Shown again, the form is based on the latest version: saving again goes through.
        self.data = self.data.copy()
        self.data["base_version"] = latest


class AgendaForm(BilingualMixin, VersionedForm, forms.ModelForm):
    bilingual = ("title", "vision")

    class Meta:
        model = Agenda
        fields = in_each_language("title", "vision")
        widgets = {f"vision_{code}": forms.Textarea(attrs={"rows": 8}) for code in CODES}


class GoalForm(BilingualMixin, VersionedForm, forms.ModelForm):
    bilingual = ("title", "description")

    class Meta:
        model = Goal
        fields = [*in_each_language("title", "description"), "order", "indicators"]
        widgets = {
            **{f"description_{code}": forms.Textarea(attrs={"rows": 5}) for code in CODES},
            "indicators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = Indicator.objects.order_by("name")


class StrategyForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class DeleteForm(VersionedForm):
    pass


class RestoreForm(VersionedForm):
    pass


YEARS_AROUND = 10  # the periods offered: ten years back and ten years ahead


def period_choices(indicator: Indicator, today: date) -> list:
    """The periods an indicator's baseline and targets may name, grouped by kind (its own
    first, then those it rolls up to): ten years back to ten years ahead."""
    choices: list = [("", _("Choose a period"))]
    for kind in indicator.period_types:
        period = Period.containing(kind, today.replace(year=today.year - YEARS_AROUND))
        last = Period.containing(kind, today.replace(year=today.year + YEARS_AROUND))
        group = []
        while period <= last:
            group.append((period.key, period.label))
            period = period.next()
        choices.append((PeriodType(kind).label, group))
    return choices


class TargetRowForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False)
    value = forms.DecimalField(label=_("Target"), max_digits=22, decimal_places=4, required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = choices

    def clean(self):
        cleaned = super().clean()
        period, value = cleaned.get("period"), cleaned.get("value")
        if period and value is None and "value" not in self.errors:
            self.add_error("value", _("Give the target for this period."))
        if value is not None and not period:
            self.add_error("period", _("Choose the period of this target."))
        if period:
            cleaned["period"] = parse_period(period)
        return cleaned


TargetFormSet = forms.formset_factory(TargetRowForm, extra=3)


class TargetsForm(VersionedForm):
    """An indicator's baseline and its targets: periods chosen from a list, values typed in
    the indicator's unit. The baseline is the region's approved figure where there is one."""

    baseline_period = forms.ChoiceField(label=_("Baseline period"), required=False)
    baseline_value = forms.DecimalField(
        label=_("Baseline value"),
        max_digits=22,
        decimal_places=4,
        required=False,
        help_text=_(
            "Left blank, the region's approved figure for the baseline period. Give a value "
            "only for a period before the partnership's own figures."
        ),
    )

    def __init__(self, *args, indicator: Indicator, region_figure=None, **kwargs):
        """``region_figure(period)`` gives the region's approved figure for a period, or
        None."""
        self.indicator = indicator
        self.region_figure = region_figure or (lambda period: None)
        super().__init__(*args, **kwargs)
        choices = period_choices(indicator, timezone.localdate())
        self.fields["baseline_period"].choices = choices
        initial_rows = self.initial.get("target_rows", [])
        self.formset = TargetFormSet(
            self.data if self.is_bound else None,
            prefix="targets",
            initial=initial_rows,
            form_kwargs={"choices": choices},
        )

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.formset.is_valid() and valid

    def clean_baseline_period(self):
        key = self.cleaned_data["baseline_period"]
        return parse_period(key) if key else None

    def _targets(self) -> list[tuple[Period, Decimal]]:
        if not self.formset.is_valid():
            return []
        return sorted(
            (row["period"], row["value"])
            for row in self.formset.cleaned_data
            if row.get("period") and row.get("value") is not None
        )

    def clean(self):
        cleaned = super().clean()
        period, value = cleaned.get("baseline_period"), cleaned.get("baseline_value")
        if value is not None and not period and "baseline_period" not in self.errors:
            self.add_error("baseline_period", _("Choose the baseline's period."))
        if period:
            figure = self.region_figure(period)
            if value is None and figure is None:
                self.add_error(
                    "baseline_value",
                    _(
                        "There is no approved region-wide figure for %(period)s: give the "
                        "baseline's value."
                    )
                    % {"period": period.label},
                )
            elif value is None:
                cleaned["baseline_value"] = figure
            elif figure is not None and abs(figure - value) >= Decimal("0.05"):
                self.add_error(
                    "baseline_value",
                    _(
                        "The region's approved figure for %(period)s is %(figure)s. A baseline "
                        "is what the figures say: leave the value blank to use it."
                    )
                    % {"period": period.label, "figure": display(self.indicator, figure)},
                )
        targets = self._targets()
        cleaned["targets"] = targets
        periods = [p for p, _v in targets]
        if len(set(periods)) != len(periods):
            self.add_error(None, _("Each period may have one target only."))
        kinds = {p.type for p in periods} | ({period.type} if period else set())
        if len(kinds) > 1:
            self.add_error(None, _("The baseline and the targets must all be periods of one kind."))
        if period and any(p <= period for p in periods):
            self.add_error(None, _("Targets come after the baseline period."))
        return cleaned

    def baseline(self):
        period = self.cleaned_data.get("baseline_period")
        return (period, self.cleaned_data["baseline_value"]) if period else None
