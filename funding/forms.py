from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import Goal, Strategy
from common.forms import DateInput, StaleGuardMixin
from funding.models import FundingStream
from partners.models import Organization


def _strategy_label(strategy: Strategy) -> str:
    return _("%(strategy)s (goal: %(goal)s)") % {
        "strategy": strategy.title,
        "goal": strategy.goal.title,
    }


class FundingStreamForm(StaleGuardMixin, forms.ModelForm):
    class Meta:
        model = FundingStream
        fields = [
            "name",
            "funder",
            "recipient",
            "amount",
            "start",
            "end",
            "purpose",
            "goals",
            "strategies",
        ]
        labels = {
            "name": _("Name"),
            "amount": _("Amount (USD)"),
            "start": _("From"),
            "end": _("Until"),
            "goals": _("Goals it serves"),
            "strategies": _("Strategies it serves"),
        }
        help_texts = {
            "name": _("e.g. “Career Pathways Grant 2025”."),
            "amount": _("The whole amount of the stream, in dollars."),
            "goals": _("Leave goals and strategies empty if the stream serves none of them."),
        }
        widgets = {
            "start": DateInput,
            "end": DateInput,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.CheckboxSelectMultiple,
            "strategies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.order_by("name")
        self.fields["funder"].queryset = organizations
        self.fields["recipient"].queryset = organizations
        self.fields["goals"].queryset = Goal.objects.order_by("order", "pk")
        self.fields["strategies"].queryset = Strategy.objects.select_related("goal").order_by(
            "goal__order", "goal__pk", "order", "pk"
        )
        self.fields["strategies"].label_from_instance = _strategy_label

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < Decimal(0):
            raise forms.ValidationError(_("The amount cannot be negative."), code="negative")
        return amount

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("“Until” cannot come before “From”."))
        return cleaned


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
