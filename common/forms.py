"""Form pieces every app uses."""

import hashlib

from django import forms
from django.conf import settings
from django.db import transaction
from django.forms.models import model_to_dict
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _


class FormRenderer(DjangoTemplates):
    """Django's renderer, with each field (``as_field_group``) in a block of its own and a
    checkbox before its label, on one line."""

    field_template_name = "common/field.html"


class DateInput(forms.DateInput):
    """The browser's date picker, with the value in ISO format (what it expects)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def fingerprint(instance) -> str:
    """What the stored row holds, as a short digest: its fields and its many-to-many links."""
    values = model_to_dict(instance)
    raw = repr(sorted((name, _plain(value)) for name, value in values.items()))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _plain(value):
    if isinstance(value, list | tuple | set):
        return sorted(getattr(item, "pk", item) for item in value)
    return value


def guards_stale_saves(view):
    """For a view that saves a StaleGuardMixin form: the view runs in one transaction, so the
    form's check locks the stored row (SELECT ... FOR UPDATE) and holds the lock until the save
    commits; a second save of the same row waits, then finds the row changed and is refused.
    tests/test_faults.py checks that every view naming such a form carries this decorator."""
    atomic_view = transaction.atomic(view)
    atomic_view.guards_stale_saves = True
    return atomic_view


LANGUAGE_NAMES = {"en": _("English"), "es": _("Spanish")}


def in_each_language(*names: str) -> list[str]:
    """The form fields of content written in each language: ``title`` → ``title_en``,
    ``title_es`` (the columns django-modeltranslation adds)."""
    return [f"{name}_{code}" for name in names for code, _name in settings.LANGUAGES]


class BilingualMixin(forms.BaseForm):
    """A model form that edits content in each language side by side: "Title (English)",
    "Title (Spanish)". The site's own language is required where the field is; the other
    may stay empty, and then reads in the site's language, saying so."""

    bilingual: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name in self.bilingual:
            original = model._meta.get_field(name)
            for code, _name in settings.LANGUAGES:
                field = self.fields.get(f"{name}_{code}")
                if field is None:
                    continue
                field.label = _("%(field)s (%(language)s)") % {
                    "field": original.verbose_name[:1].upper() + original.verbose_name[1:],
                    "language": LANGUAGE_NAMES[code],
                }
                if code == settings.LANGUAGE_CODE:
                    field.required = not original.blank
                    field.help_text = original.help_text
                elif original.help_text:
                    field.help_text = _("Leave empty until it is translated.")


class StaleGuardMixin(forms.Form):
    """For model forms that edit shared data: the page carries a digest of the row as it was
    shown, and a save made from a page older than the stored row is refused with a message,
    keeping what was typed; shown again, the form is based on the stored row, so saving again
    goes through. The view carries @guards_stale_saves, so the check and the save happen under
    one row lock."""

    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded"] = fingerprint(self.instance)

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded")
        if self.instance.pk and loaded:
            rows = type(self.instance)._default_manager.all()
            if transaction.get_connection(rows.db).in_atomic_block:
                rows = rows.select_for_update(of=("self",))
            current = fingerprint(rows.get(pk=self.instance.pk))
            if current != loaded:
                self.add_error(
                    None,
                    forms.ValidationError(
                        _(
                            "Someone else saved this since you opened the page. Nothing was "
                            "saved. What you typed is kept below: check their change (open "
                            "the page in another tab), then save again."
                        ),
                        code="stale",
                    ),
                )
                self.data = self.data.copy()
                self.data[self.add_prefix("loaded")] = current
        return cleaned
