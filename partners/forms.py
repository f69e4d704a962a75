from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, StaleGuardMixin
from common.routes import check_not_reserved
from partners.models import Contact, Organization, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("That email address and password do not match an account."),
        "inactive": _("This account has been deactivated."),
    }


PLACEMENT_FIELDS = ("sector_type", "county")
# The routes an organization's short name stands in.
SLUG_ROUTES = ("organization_detail", "report")


class OrganizationForm(StaleGuardMixin, forms.ModelForm):
    """A profile. The county and type place the organization in published figures: only
    backbone staff change them (``may_place``); anyone else who tries is told so."""

    class Meta:
        model = Organization
        fields = ["name", "sector_type", "county", "reports_from", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "reports_from": DateInput}

    def __init__(self, *args, may_place: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_place = may_place
        if not may_place:
            # What is due from the organization is the backbone's to set; partners read it
            # on their reports calendar.
            del self.fields["reports_from"]
            for name in PLACEMENT_FIELDS:
                field = self.fields[name]
                field.required = False
                field.disabled = True
                field.help_text = _(
                    "Only the backbone staff change this: it decides which published "
                    "figures your organization counts in."
                )

    def clean(self):
        cleaned = super().clean()
        if not self.may_place and self.is_bound:
            for name in PLACEMENT_FIELDS:
                sent = self.data.get(self.add_prefix(name))
                if sent is not None and sent != getattr(self.instance, name):
                    self.add_error(
                        name,
                        _(
                            "Only the backbone staff change an organization's county or "
                            "type: ask them if this one is wrong."
                        ),
                    )
        return cleaned


class OrganizationCreateForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "slug", "sector_type", "county", "reports_from", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "reports_from": DateInput}
        help_texts = {"slug": _("Letters, digits and hyphens; used in links and imports.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("reports_from", timezone.localdate())

    def clean_slug(self):
        return check_not_reserved(self.cleaned_data["slug"], *SLUG_ROUTES)


ContactFormSet = forms.inlineformset_factory(
    Organization,
    Contact,
    fields=["name", "title", "email", "phone"],
    extra=1,
    can_delete=True,
)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, role_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class AcceptInvitationForm(forms.Form):
    """For a person new to the site: a name and a password. Existing users just confirm."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        if password1:
            try:
                password_validation.validate_password(
                    password1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
