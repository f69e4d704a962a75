from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda import versions
from agenda.models import Agenda, Goal, Strategy
from measures.models import Indicator
from measures.periods import Period, parse_period


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


class AgendaForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Agenda
        fields = ["title", "vision"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 8})}


class GoalForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description", "order", "indicators"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
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


def _period(text: str, indicator: Indicator) -> Period:
    try:
        period = parse_period(text.strip())
    except ValueError:
        raise forms.ValidationError(
            _("Write a period such as 2025, 2025-Q3, 2025-07, SY2024-25, FFY2025 or PY2024.")
        ) from None
    allowed = [indicator.period_type, *indicator.rolled_up_period_types]
    if period.type not in allowed:
        raise forms.ValidationError(
            _("This indicator has figures for %(kinds)s periods only."),
            params={"kinds": ", ".join(allowed)},
        )
    return period


class TargetsForm(VersionedForm):
    """An indicator's baseline and its targets, one per line."""

    baseline_period = forms.CharField(label=_("Baseline period"), max_length=12, required=False)
    baseline_value = forms.DecimalField(
        label=_("Baseline value"), max_digits=22, decimal_places=4, required=False
    )
    targets = forms.CharField(
        label=_("Targets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: period, a colon, the value. For example “2027: 62.5”."),
    )

    def __init__(self, *args, indicator: Indicator, **kwargs):
        self.indicator = indicator
        super().__init__(*args, **kwargs)

    def clean_baseline_period(self):
        text = self.cleaned_data["baseline_period"]
        return _period(text, self.indicator) if text.strip() else None

    def clean_targets(self):
        rows = []
        errors = []
        for number, line in enumerate(self.cleaned_data["targets"].splitlines(), start=1):
            if not line.strip():
                continue
            key, sep, value = line.partition(":")
            try:
                if not sep:
                    raise forms.ValidationError(_("write the period, a colon, then the value"))
                period = _period(key, self.indicator)
                try:
                    amount = Decimal(value.strip().replace(",", ""))
                except ArithmeticError:
                    raise forms.ValidationError(_("“%(value)s” is not a number")) from None
                if not amount.is_finite():
                    raise forms.ValidationError(_("“%(value)s” is not a number"))
            except forms.ValidationError as error:
                message = " ".join(
                    str(m) % {"value": value.strip()} if "%(value)s" in str(m) else str(m)
                    for m in error.messages
                )
                errors.append(_("Line %(n)s: %(message)s") % {"n": number, "message": message})
                continue
            rows.append((period, amount))
        if errors:
            raise forms.ValidationError(errors)
        periods = [p for p, _v in rows]
        if len(set(periods)) != len(periods):
            raise forms.ValidationError(_("Each period may have one target only."))
        return sorted(rows)

    def clean(self):
        cleaned = super().clean()
        period, value = cleaned.get("baseline_period"), cleaned.get("baseline_value")
        if period and value is None:
            self.add_error("baseline_value", _("Give the baseline's value."))
        if value is not None and not period and "baseline_period" not in self.errors:
            self.add_error("baseline_period", _("Give the baseline's period."))
        targets = cleaned.get("targets") or []
        kinds = {p.type for p, _v in targets} | ({period.type} if period else set())
        if len(kinds) > 1:
            self.add_error(
                "targets",
                _("The baseline and the targets must all be periods of one kind."),
            )
        if period and any(p <= period for p, _v in targets):
            self.add_error("targets", _("Targets come after the baseline period."))
        return cleaned

    def baseline(self):
        period = self.cleaned_data.get("baseline_period")
        return (period, self.cleaned_data["baseline_value"]) if period else None
