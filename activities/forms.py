from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Commitment, CommitmentStatus, ProgressUpdate
from agenda.models import Goal
from common.forms import DateInput, StaleGuardMixin
from measures.models import Indicator


def strategy_choices(empty_label=None) -> list:
    """The agenda's strategies grouped by goal, for a select with one group per goal."""
    choices = [("", empty_label or "---------")]
    for goal in Goal.objects.prefetch_related("strategies").order_by("order", "pk"):
        options = [(s.pk, s.title) for s in goal.strategies.all()]
        if options:
            choices.append((goal.title, options))
    return choices


class CommitmentForm(StaleGuardMixin, forms.ModelForm):
    class Meta:
        model = Commitment
        fields = [
            "strategy",
            "organization",
            "title",
            "audience",
            "start",
            "end",
            "status",
            "indicators",
        ]
        labels = {
            "title": _("What"),
            "audience": _("For whom"),
            "start": _("From"),
            "end": _("Until"),
            "organization": _("Organization"),
        }
        help_texts = {
            "title": _("What your organization will do, in a few words."),
            "audience": _("Who it serves, e.g. “11th and 12th graders in Durham Public Schools”."),
            "end": _("Leave empty if it has no planned end."),
            "indicators": _("The shared indicators this work should move."),
        }
        widgets = {
            "start": DateInput,
            "end": DateInput,
            "indicators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].choices = strategy_choices(_("Choose a strategy"))
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = _("Choose an organization")
        self.fields["indicators"].queryset = Indicator.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("“Until” cannot come before “From”."))
        return cleaned


class ProgressForm(forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["text", "status"]
        labels = {"text": _("Progress"), "status": _("Status now")}
        help_texts = {"text": _("What happened since the last update, and what comes next.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, commitment: Commitment, **kwargs):
        kwargs.setdefault("initial", {"status": commitment.status})
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = CommitmentStatus.choices


class MatrixFilterForm(forms.Form):
    columns = forms.ChoiceField(
        label=_("Organizations shown"),
        required=False,
        choices=[
            ("active", _("Those with a commitment")),
            ("all", _("Every partner organization")),
        ],
    )

    def show_all(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("columns") == "all"
