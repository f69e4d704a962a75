from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from measures.models import Indicator, SubmissionStatus, Unit
from partners.models import Organization, SectorType


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "definition",
            "unit",
            "numerator_definition",
            "denominator_definition",
            "direction",
            "level",
            "period_type",
            "suppression_threshold",
            "reporting_organizations",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 4}),
            "numerator_definition": forms.Textarea(attrs={"rows": 2}),
            "denominator_definition": forms.Textarea(attrs={"rows": 2}),
            "reporting_organizations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_organizations"].queryset = Organization.objects.exclude(
            sector_type__in=[SectorType.BACKBONE, SectorType.FUNDER]
        ).order_by("name")
        if self.instance.pk:
            # The code is permanent: links, imports and history refer to it.
            del self.fields["code"]
            if self.instance.values.exists():
                self.fields["unit"].disabled = True
                self.fields["unit"].help_text = _(
                    "The unit cannot change once values have been reported."
                )
                self.fields["period_type"].disabled = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") == Unit.PERCENT:
            for name in ("numerator_definition", "denominator_definition"):
                if not cleaned.get(name, "").strip():
                    self.add_error(
                        name, _("A percent needs its numerator and denominator defined.")
                    )
        return cleaned


class AmountField(forms.CharField):
    """A figure typed by a partner: blank, or a number that is not negative."""

    def __init__(self, *, whole: bool, **kwargs):
        self.whole = whole
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value).replace(",", "").strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("Enter a number, such as 42."), code="invalid") from None
        if not number.is_finite():
            raise forms.ValidationError(_("Enter a number, such as 42."), code="invalid")
        if number < 0:
            raise forms.ValidationError(_("This cannot be negative."), code="negative")
        if self.whole and number != number.to_integral_value():
            raise forms.ValidationError(_("A count is a whole number."), code="whole")
        if abs(number) >= Decimal(10) ** 14:
            raise forms.ValidationError(_("This number is too large."), code="too_large")
        return number


class ReportForm(forms.Form):
    """One field (a count) or two (numerator and denominator) per indicator."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            if indicator.is_share:
                self.fields[f"{indicator.code}__numerator"] = AmountField(
                    whole=True, label=_("Numerator")
                )
                self.fields[f"{indicator.code}__denominator"] = AmountField(
                    whole=True, label=_("Denominator")
                )
            else:
                self.fields[f"{indicator.code}__value"] = AmountField(whole=True, label=_("Value"))

    def clean(self):
        cleaned = super().clean()
        for indicator in self.indicators:
            if not indicator.is_share:
                continue
            num_name, den_name = f"{indicator.code}__numerator", f"{indicator.code}__denominator"
            numerator, denominator = cleaned.get(num_name), cleaned.get(den_name)
            if numerator is not None and denominator is not None:
                if denominator == 0:
                    self.add_error(den_name, _("The denominator must be more than zero."))
                elif numerator > denominator:
                    self.add_error(
                        num_name, _("The numerator cannot be larger than the denominator.")
                    )
            elif (numerator is None) != (denominator is None) and not self.has_error(num_name):
                missing = den_name if denominator is None else num_name
                if not self.has_error(missing):
                    self.add_error(missing, _("Give both the numerator and the denominator."))
        return cleaned

    def figures(self) -> dict[int, dict[str, Decimal | None]]:
        """The cleaned figures per indicator id, with the percentage worked out."""
        result = {}
        for indicator in self.indicators:
            if indicator.is_share:
                numerator = self.cleaned_data[f"{indicator.code}__numerator"]
                denominator = self.cleaned_data[f"{indicator.code}__denominator"]
                value = None
                if numerator is not None and denominator:
                    value = (numerator * 100 / denominator).quantize(Decimal("0.0001"))
                result[indicator.pk] = {
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": value,
                }
            else:
                value = self.cleaned_data[f"{indicator.code}__value"]
                result[indicator.pk] = {"numerator": None, "denominator": None, "value": value}
        return result

    def rows(self):
        """(indicator, [bound fields]) for the template."""
        for indicator in self.indicators:
            names = (
                [f"{indicator.code}__numerator", f"{indicator.code}__denominator"]
                if indicator.is_share
                else [f"{indicator.code}__value"]
            )
            yield indicator, [self[name] for name in names]


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the partner"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class SubmissionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *SubmissionStatus.choices],
    )
