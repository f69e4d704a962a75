from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import StaleGuardMixin
from common.routes import check_not_reserved
from partners.models import Organization, SectorType
from partners.roles import Roles
from pathways.models import Credential, Pathway, Program, Step, StepLink
from pathways.versions import STEP_FIELDS

# The routes a pathway's short name stands in.
SLUG_ROUTES = ("pathway_edit", "pathway_measures")
PROVIDERS = Organization.objects.exclude(sector_type=SectorType.FUNDER).order_by("name")


class SummaryMixin(forms.Form):
    summary_text = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("A few words for the pathway's history."),
    )


class PathwayForm(StaleGuardMixin, SummaryMixin, forms.ModelForm):
    class Meta:
        model = Pathway
        fields = [
            "title",
            "slug",
            "summary",
            "sector",
            "cluster",
            "target_occupations",
            "owner",
            "public",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "target_occupations": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The short name is in links and in reported values: it does not change.
            del self.fields["slug"]

    def clean_slug(self):
        return check_not_reserved(self.cleaned_data["slug"], *SLUG_ROUTES)


class StepForm(StaleGuardMixin, SummaryMixin, forms.ModelForm):
    class Meta:
        model = Step
        fields = [f.removesuffix("_id") for f in STEP_FIELDS]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, roles: Roles, **kwargs):
        super().__init__(*args, **kwargs)
        providers = PROVIDERS
        programs = Program.objects.select_related("provider").order_by("title")
        if not roles.backbone:
            # A lead adds and edits the steps their own organization provides.
            providers = providers.filter(pk__in=roles.lead_org_ids)
            programs = programs.filter(provider_id__in=roles.lead_org_ids)
            self.fields["provider"].required = True
        self.fields["provider"].queryset = providers
        self.fields["program"].queryset = programs


class LinkForm(forms.ModelForm):
    class Meta:
        model = StepLink
        fields = ["from_step", "kind", "to_step"]

    def __init__(self, *args, pathway: Pathway, **kwargs):
        super().__init__(*args, **kwargs)
        steps = pathway.steps.order_by("title")
        self.fields["from_step"].queryset = steps
        self.fields["to_step"].queryset = steps
        self.fields["from_step"].label = _("From step")
        self.fields["to_step"].label = _("To step")


class ProgramForm(StaleGuardMixin, forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "cip_code",
            "title",
            "provider",
            "award_level",
            "length_months",
            "cost",
            "modality",
            "schedule",
            "location",
            "audience",
            "description",
            "how_to_enrol",
            "enrol_url",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "how_to_enrol": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, roles: Roles, **kwargs):
        super().__init__(*args, **kwargs)
        providers = PROVIDERS
        if not roles.backbone:
            providers = providers.filter(pk__in=roles.lead_org_ids)
        self.fields["provider"].queryset = providers


class CredentialForm(StaleGuardMixin, forms.ModelForm):
    class Meta:
        model = Credential
        fields = ["name", "kind", "issuer", "stacks_into"]
        widgets = {"stacks_into": forms.SelectMultiple(attrs={"size": 8})}

    def clean_stacks_into(self):
        targets = self.cleaned_data["stacks_into"]
        if self.instance.pk:
            try:
                self.instance.check_stacking(targets)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from None
        return targets
