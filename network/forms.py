"""Forms and writes for the network: partnerships (its edges) and working groups.

The writes (``save_partnership``, ``add_member``, ``remove_member``, ``rotate_lead``) are the one
place these changes happen; views, commands and tests call them.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, StaleGuardMixin
from common.routes import check_not_reserved
from network.models import Partnership, PartnershipKind, WorkingGroup
from partners.models import Membership, Organization, User
from partners.roles import Roles


def people_queryset():
    """Everyone who belongs to an organization, with their organizations (for labels)."""
    return (
        User.objects.filter(is_active=True, memberships__isnull=False)
        .distinct()
        .order_by("full_name", "email")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organization").order_by(
                    "organization__name"
                ),
            )
        )
    )


def person_label(user: User) -> str:
    organizations = ", ".join(m.organization.name for m in user.memberships.all())
    return f"{user} ({organizations})" if organizations else str(user)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


# Partnerships ---------------------------------------------------------------------------


class PartnershipForm(StaleGuardMixin, forms.ModelForm):
    pathways = forms.ModelMultipleChoiceField(
        label=_("Pathways involved"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The career pathways this partnership serves."),
    )

    class Meta:
        model = Partnership
        fields = ["first", "second", "kind", "start", "end", "description"]
        widgets = {
            "start": DateInput,
            "end": DateInput,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "end": _("Leave empty while the partnership lasts."),
            "start": _("For example 2025-07-01."),
        }

    def __init__(self, *args, roles: Roles, **kwargs):
        super().__init__(*args, **kwargs)
        from pathways.models import Pathway  # pathways sit to the right of partners

        self.roles = roles
        organizations = Organization.objects.order_by("name")
        self.fields["first"].queryset = organizations
        self.fields["second"].queryset = organizations
        self.fields["pathways"].queryset = Pathway.objects.order_by("title")
        if self.instance.pk:
            self.initial["pathways"] = list(self.instance.pathways.values_list("pk", flat=True))
        elif not roles.backbone and len(roles.lead_org_ids) == 1:
            self.initial.setdefault("first", next(iter(roles.lead_org_ids)))

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("first"), cleaned.get("second")
        if first and second and first == second:
            # The model says so too; saying it here keeps the message beside the field.
            self.add_error("second", _("A partnership is between two different organizations."))
        elif (
            first
            and second
            and not self.roles.backbone
            and not (self.roles.is_lead_of(first.pk) or self.roles.is_lead_of(second.pk))
        ):
            self.add_error(
                "first",
                _("One of the two organizations must be one you lead."),
            )
        return cleaned


class PartnershipFilterForm(forms.Form):
    STATUSES = [
        ("", _("Active and ended")),
        ("active", _("Active today")),
        ("ended", _("Ended")),
    ]

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PartnershipKind.choices]
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        required=False,
        queryset=Organization.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All organizations"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUSES)

    def filter(self, queryset, today: date):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["organization"]:
            org = data["organization"]
            queryset = queryset.filter(Q(first=org) | Q(second=org))
        if data["status"] == "active":
            queryset = queryset.filter(Q(end__isnull=True) | Q(end__gte=today), start__lte=today)
        elif data["status"] == "ended":
            queryset = queryset.filter(end__lt=today)
        return queryset


# Working groups -------------------------------------------------------------------------


class WorkingGroupForm(StaleGuardMixin, forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "slug", "charter"]
        widgets = {"charter": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "slug": _("Letters, digits and hyphens; used in links."),
            "charter": _(
                "Its purpose, scope and ways of working. Markdown: **bold**, lists, links."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]  # it is in links

    def clean_slug(self):
        return check_not_reserved(self.cleaned_data["slug"], "working_group_detail")


class AddMemberForm(forms.Form):
    user = PersonChoiceField(label=_("Person"), queryset=User.objects.none())

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["user"].queryset = people_queryset().exclude(working_groups=group)


class RotateLeadForm(forms.Form):
    lead = PersonChoiceField(label=_("New lead"), queryset=User.objects.none())

    def __init__(self, *args, group: WorkingGroup, members, current_lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.current_lead = current_lead
        self.member_ids = {m.pk for m in members}
        field = self.fields["lead"]
        # Any person may be posted; only the members are offered, and a non-member gets a
        # clear message rather than "not one of the choices".
        field.queryset = people_queryset()
        field.widget.choices = [("", "---------")] + [
            (m.pk, person_label(m)) for m in members if m != current_lead
        ]

    def clean_lead(self):
        lead = self.cleaned_data["lead"]
        if lead.pk not in self.member_ids:
            raise ValidationError(
                _("%(name)s is not a member of this group. Add them as a member first."),
                params={"name": lead},
            )
        if self.current_lead is not None and lead.pk == self.current_lead.pk:
            raise ValidationError(_("%(name)s already leads this group."), params={"name": lead})
        return lead
