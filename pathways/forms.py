from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import BilingualMixin, StaleGuardMixin, in_each_language
from common.languages import CODES
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


class PathwayForm(BilingualMixin, StaleGuardMixin, SummaryMixin, forms.ModelForm):
    bilingual = ("title", "summary")

    class Meta:
        model = Pathway
        fields = [
            *in_each_language("title"),
            "slug",
            *in_each_language("summary"),
            "sector",
            "cluster",
            "target_occupations",
            "owner",
            "public",
        ]
        widgets = {
            **{f"summary_{code}": forms.Textarea(attrs={"rows": 4}) for code in CODES},
            "target_occupations": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The short name is in links and in reported values: it does not change.
            del self.fields["slug"]

    def clean_slug(self):
        return check_not_reserved(self.cleaned_data["slug"], *SLUG_ROUTES)


class StepForm(BilingualMixin, StaleGuardMixin, SummaryMixin, forms.ModelForm):
    bilingual = ("title", "description")

    class Meta:
        model = Step
        fields = [
            g
            for f in STEP_FIELDS
            for g in (
                in_each_language(f) if f in ("title", "description") else [f.removesuffix("_id")]
            )
        ]
        widgets = {f"description_{code}": forms.Textarea(attrs={"rows": 3}) for code in CODES}

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


class ProgramForm(BilingualMixin, StaleGuardMixin, forms.ModelForm):
    bilingual = ("title", "description", "how_to_enrol")

    class Meta:
        model = Program
        fields = [
            "cip_code",
            *in_each_language("title"),
            "provider",
            "award_level",
            "length_months",
            "cost",
            "modality",
            "schedule",
            "location",
            "audience",
            *in_each_language("description", "how_to_enrol"),
            "enrol_url",
        ]
        widgets = {
            f"{name}_{code}": forms.Textarea(attrs={"rows": 3})
            for name in ("description", "how_to_enrol")
            for code in CODES
        }

    def __init__(self, *args, roles: Roles, **kwargs):
        super().__init__(*args, **kwargs)
        providers = PROVIDERS
        if not roles.backbone:
            providers = providers.filter(pk__in=roles.lead_org_ids)
        self.fields["provider"].queryset = providers


class CredentialForm(BilingualMixin, StaleGuardMixin, forms.ModelForm):
    bilingual = ("name",)

    class Meta:
        model = Credential
        fields = [*in_each_language("name"), "kind", "issuer", "stacks_into"]
        widgets = {"stacks_into": forms.SelectMultiple(attrs={"size": 8})}

    def clean_stacks_into(self):
        targets = self.cleaned_data["stacks_into"]
        if self.instance.pk:
            try:
                self.instance.check_stacking(targets)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from None
        return targets
