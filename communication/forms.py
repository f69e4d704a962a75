"""Forms of continuous communication. Errors show beside their fields."""

from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, StaleGuardMixin
from communication.models import ActionItem, Decision, EmailPreference, Meeting, ReminderSchedule
from partners.models import Role, User

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class PostForm(forms.Form):
    """An update, in the name of one of the author's organizations or working groups."""

    posting_as = forms.ChoiceField(label=_("Post in the name of"))
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, [a link](https://example.org), lists."),
    )

    def __init__(self, *args, organizations, working_groups, **kwargs):
        super().__init__(*args, **kwargs)
        self._organizations = {f"org:{o.pk}": o for o in organizations}
        self._groups = {f"group:{g.pk}": g for g in working_groups}
        choices = [(key, o.name) for key, o in self._organizations.items()]
        choices += [
            (key, _("Working group: %(name)s") % {"name": g.name})
            for key, g in self._groups.items()
        ]
        self.fields["posting_as"].choices = choices

    def author_names(self) -> dict:
        """``organization=`` or ``working_group=`` for ``create_post``."""
        key = self.cleaned_data["posting_as"]
        if key in self._groups:
            return {"working_group": self._groups[key]}
        return {"organization": self._organizations[key]}


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment before sending it.")},
    )


class FeedFilterForm(forms.Form):
    """The feed's filters, read from the URL so a filtered feed can be bookmarked."""

    organization = forms.ChoiceField(label=_("Organization"), required=False)
    working_group = forms.ChoiceField(label=_("Working group"), required=False)

    def __init__(self, *args, organizations, working_groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("All organizations"))] + [
            (o.slug, o.name) for o in organizations
        ]
        self.fields["working_group"].choices = [("", _("All working groups"))] + [
            (g.slug, g.name) for g in working_groups
        ]


class MeetingForm(StaleGuardMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "working_group", "starts_at", "location", "agenda", "minutes"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_LOCAL
            ),
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }
        labels = {"working_group": _("Working group")}
        help_texts = {
            "agenda": _("Markdown. What the meeting will discuss."),
            "minutes": _("Markdown. What was said, written up after the meeting."),
        }

    def __init__(self, *args, working_groups, group_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["working_group"]
        field.queryset = working_groups
        field.required = group_required
        field.empty_label = _("The whole partnership")
        field.error_messages["required"] = _("Choose the working group you lead.")
        self.fields["starts_at"].input_formats = [DATETIME_LOCAL, "%Y-%m-%d %H:%M"]


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ActionItemForm(forms.ModelForm):
    """An action: what, who owns it (a person is required), by when, and whether it is done."""

    done = forms.BooleanField(label=_("Done"), required=False)

    class Meta:
        model = ActionItem
        fields = ["text", "owner", "due"]
        widgets = {"due": DateInput}
        labels = {"text": _("Action"), "owner": _("Owner"), "due": _("Due")}
        error_messages = {
            "owner": {
                "required": _("Choose who owns this action: every action needs an owner."),
                "invalid_choice": _("Choose a person from the list."),
            },
            "due": {"required": _("Give the date the action is due.")},
            "text": {"required": _("Say what is to be done.")},
        }

    def __init__(self, *args, owner_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = possible_owners()
        if owner_choices is not None:
            owner.choices = owner_choices  # listed once for all the forms of a formset
        self.fields["done"].initial = bool(self.instance.done_at)

    def save(self, commit=True):
        item = super().save(commit=False)
        if self.cleaned_data.get("done"):
            item.done_at = item.done_at or timezone.now()
        else:
            item.done_at = None
        if commit:
            item.save()
        return item


def possible_owners():
    """People who can own an action: partners and backbone staff (funders only read)."""
    return (
        User.objects.filter(
            is_active=True, memberships__role__in=[Role.MEMBER, Role.LEAD, Role.BACKBONE]
        )
        .distinct()
        .order_by("full_name", "email")
    )


def owner_choices() -> list[tuple]:
    return [("", _("Choose a person"))] + [
        (u.pk, f"{u.full_name} ({u.email})" if u.full_name else u.email) for u in possible_owners()
    ]


DecisionFormSet = inlineformset_factory(
    Meeting, Decision, form=DecisionForm, extra=1, can_delete=True
)
ActionItemFormSet = inlineformset_factory(
    Meeting, ActionItem, form=ActionItemForm, extra=2, can_delete=True
)


class ReminderScheduleForm(StaleGuardMixin, forms.ModelForm):
    days_before_due = forms.IntegerField(
        label=ReminderSchedule._meta.get_field("days_before_due").verbose_name,
        min_value=0,
        max_value=90,
        help_text=_("One reminder within this many days before a report is due (0: on the day)."),
    )
    days_overdue = forms.IntegerField(
        label=ReminderSchedule._meta.get_field("days_overdue").verbose_name,
        min_value=1,
        max_value=90,
        help_text=_(
            "Once a report is late: a reminder the day after it was due, then one every N days."
        ),
    )

    class Meta:
        model = ReminderSchedule
        fields = ["enabled", "days_before_due", "days_overdue"]


class EmailPreferenceForm(forms.ModelForm):
    """What a person wants by email, and the language they read the app and its emails in."""

    language = forms.ChoiceField(
        label=_("Language of the pages and of your emails"),
        required=False,
        choices=[("", _("As my browser asks")), *settings.LANGUAGES],
    )

    class Meta:
        model = EmailPreference
        fields = ["updates", "meetings", "reminders", "reports", "weekly_digest"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = self.instance.user.language

    def save(self, commit=True):
        preference = super().save(commit)
        user = self.instance.user
        if user.language != self.cleaned_data["language"]:
            user.language = self.cleaned_data["language"]
            user.save(update_fields=["language"])
        return preference
