from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import BilingualMixin, StaleGuardMixin, in_each_language
from measures import figures
from measures.models import (
    SHARE_UNITS,
    Category,
    Dimension,
    Indicator,
    ScopeType,
    SubmissionStatus,
)
from measures.periods import Period, parse_period
from partners.models import Organization, SectorType


class IndicatorForm(BilingualMixin, StaleGuardMixin, forms.ModelForm):
    bilingual = ("name", "definition")

    class Meta:
        model = Indicator
        fields = [
            "code",
            *in_each_language("name", "definition"),
            "unit",
            "numerator_definition",
            "denominator_definition",
            "direction",
            "level",
            "period_type",
            "stock",
            "roll_up_periods",
            "grace_days",
            "counts_people",
            "suppression_threshold",
            "dimensions",
            "source",
            "reporting_organizations",
        ]
        widgets = {
            "dimensions": forms.CheckboxSelectMultiple,
            "definition": forms.Textarea(attrs={"rows": 4}),
            "numerator_definition": forms.Textarea(attrs={"rows": 2}),
            "denominator_definition": forms.Textarea(attrs={"rows": 2}),
            "reporting_organizations": forms.CheckboxSelectMultiple,
        }

    first_period = forms.CharField(
        label=_("First period reported"),
        required=False,
        max_length=20,
        help_text=_(
            "Written like 2026, 2026-Q1, 2026-07, SY2026-27, FFY2026 or PY2026, of the "
            "indicator's period type. Nothing is due before it. Left blank: the current "
            "period for a new indicator, every period for one already in use."
        ),
    )
    field_order = [*Meta.fields[: Meta.fields.index("grace_days")], "first_period"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.first_period_start and not self.is_bound:
            self.initial["first_period"] = Period(
                self.instance.period_type, self.instance.first_period_start
            ).key
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
                self.fields["period_type"].help_text = _(
                    "The period type cannot change once values have been reported."
                )

    def _clean_first_period(self, cleaned) -> None:
        period_type = cleaned.get("period_type") or self.instance.period_type
        if not period_type:
            return
        text = (cleaned.get("first_period") or "").strip()
        if not text:
            self.instance.first_period_start = (
                Period.containing(period_type, timezone.localdate()).start
                if self.instance._state.adding
                else None
            )
            return
        period, error = _first_period_error(text, period_type)
        if error:
            self.add_error("first_period", error)
        else:
            self.instance.first_period_start = period.start

    def clean(self):
        cleaned = super().clean()
        self._clean_first_period(cleaned)
        if cleaned.get("unit") in SHARE_UNITS:
            for name in ("numerator_definition", "denominator_definition"):
                if not cleaned.get(name, "").strip():
                    self.add_error(
                        name, _("A percent needs its numerator and denominator defined.")
                    )
        return cleaned


class FigureInput(forms.TextInput):
    """An entry box of the report grid. Its error text is always at ``<id>_error``, which it
    names in aria-describedby, so a check in place can replace the error text alone and never
    the box being typed in (static/js/report-grid.js keeps aria-invalid in step)."""

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        if attrs.get("id"):
            attrs["aria-describedby"] = f"{attrs['id']}_error"
        return super().get_context(name, value, attrs)


class AmountField(forms.CharField):
    """A figure typed by a partner: blank, or a number that is not negative."""

    def __init__(self, *, whole: bool, **kwargs):
        self.whole = whole
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            FigureInput(
                attrs={"inputmode": "numeric" if whole else "decimal", "autocomplete": "off"}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return figures.parse_amount(super().to_python(value), whole=self.whole)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


@dataclass
class Row:
    """The figures of the total, or of one category, of one indicator."""

    key: str
    label: str
    category: Category | None
    fields: list

    @property
    def has_errors(self) -> bool:
        return any(f.errors for f in self.fields)


@dataclass
class Breakdown:
    dimension: Dimension
    rows: list[Row]

    @property
    def has_errors(self) -> bool:
        return any(row.has_errors for row in self.rows)

    @property
    def is_filled(self) -> bool:
        return any(f.value() not in (None, "") for row in self.rows for f in row.fields)


@dataclass
class Entry:
    """One indicator in the report: its total, its breakdowns and a note."""

    indicator: Indicator
    total: Row
    breakdowns: list[Breakdown]
    note: object
    previous: Decimal | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        return [self.total] + [row for b in self.breakdowns for row in b.rows]

    @property
    def part_labels(self) -> list[str]:
        return [figures.part_label(self.indicator, p) for p in figures.parts(self.indicator)]


def field_name(indicator: Indicator, key: str, part: str) -> str:
    return f"{indicator.code}__{key}__{part}"


def row_key(category: Category | None) -> str:
    return "total" if category is None else f"c{category.pk}"


class ReportForm(forms.Form):
    """Every figure of one organization's report for one period.

    ``indicators`` come with their dimensions and categories prefetched; ``previous`` maps
    indicator ids to the total approved for the period before, to flag outliers.
    """

    def __init__(self, *args, indicators, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The revision of the values the page showed (see Submission.revision).
        self.fields["revision"] = forms.IntegerField(
            required=False, min_value=0, widget=forms.HiddenInput
        )
        self.indicators = list(indicators)
        self.previous = previous or {}
        self._layout = []
        for indicator in self.indicators:
            rows = [(None, "total", _("Total"))]
            for dimension in indicator.dimensions.all():
                for category in dimension.categories.all():
                    rows.append((category, row_key(category), category.name))
            for _category, key, _label in rows:
                for part in figures.parts(indicator):
                    name = field_name(indicator, key, part)
                    self.fields[name] = AmountField(
                        whole=figures.is_whole(indicator, part),
                        label=figures.part_label(indicator, part),
                    )
            self.fields[f"{indicator.code}__note"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=500,
                widget=FigureInput(attrs={"autocomplete": "off"}),
                help_text=_("Needed when a total is very different from the previous period."),
            )
            self._layout.append((indicator, rows))

    def _figure(self, indicator, key) -> figures.Figure:
        data = self.cleaned_data
        return figures.Figure(
            **{
                part: data.get(field_name(indicator, key, part))
                for part in figures.parts(indicator)
            }
        )

    def clean(self):
        cleaned = super().clean()
        for indicator, rows in self._layout:
            for _category, key, _label in rows:
                if any(
                    self.has_error(field_name(indicator, key, part))
                    for part in figures.parts(indicator)
                ):
                    continue
                figure = self._figure(indicator, key)
                for part, message in figures.problems(indicator, figure).items():
                    self.add_error(field_name(indicator, key, part), message)
            total_names = [field_name(indicator, "total", p) for p in figures.parts(indicator)]
            if any(self.has_error(name) for name in total_names):
                continue
            total = figures.complete(indicator, self._figure(indicator, "total"))
            message = figures.outlier(indicator, total.value, self.previous.get(indicator.pk))
            if message and not cleaned.get(f"{indicator.code}__note", "").strip():
                self.add_error(total_names[0], message)
                self.add_error(f"{indicator.code}__note", _("Say why the figure changed so much."))
        return cleaned

    def figures(self) -> dict[tuple[int, int | None], dict]:
        """The cleaned figures per (indicator id, category id or None), derived parts worked out."""
        result = {}
        for indicator, rows in self._layout:
            note_name = f"{indicator.code}__note"
            # A note or a row the page did not send keeps what is stored (None / left out).
            note = self.cleaned_data.get(note_name, "").strip() if note_name in self.data else None
            for category, key, _label in rows:
                names = [field_name(indicator, key, part) for part in figures.parts(indicator)]
                if not any(name in self.data for name in names):
                    continue
                figure = figures.complete(indicator, self._figure(indicator, key))
                result[(indicator.pk, category.pk if category else None)] = {
                    **figure.as_dict(),
                    "note": note if category is None else "",
                }
        return result

    def mark_stale(self, revision: int) -> None:
        """Someone saved the report since the page was opened: say so, keep what was typed,
        and base the page on the latest revision, so that saving again goes through."""
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "Someone else saved this report since you opened the page. Nothing was "
                    "saved. What you typed is kept below: open the report in another tab to "
                    "see their figures, then save again."
                ),
                code="stale",
            ),
        )
        self.data = self.data.copy()
        self.data["revision"] = revision

    def entries(self, warnings=None) -> list[Entry]:
        warnings = warnings or {}
        result = []
        for indicator, rows in self._layout:
            built = {
                key: Row(
                    key,
                    label,
                    category,
                    [self[field_name(indicator, key, p)] for p in figures.parts(indicator)],
                )
                for category, key, label in rows
            }
            breakdowns = [
                Breakdown(
                    dimension, [built[row_key(category)] for category in dimension.categories.all()]
                )
                for dimension in indicator.dimensions.all()
            ]
            result.append(
                Entry(
                    indicator=indicator,
                    total=built["total"],
                    breakdowns=breakdowns,
                    note=self[f"{indicator.code}__note"],
                    previous=self.previous.get(indicator.pk),
                    warnings=warnings.get(indicator.pk, []),
                )
            )
        return result

    def error_summary(self) -> list[tuple[str, str]]:
        """Each problem as (the id of its field, a sentence naming the field), in page order:
        the links of the error summary at the top of the report."""
        links = []
        for entry in self.entries():
            name = entry.indicator.name
            for row in entry.rows:
                row_label = (
                    row.label
                    if row.category is None
                    else _("%(dimension)s: %(category)s")
                    % {"dimension": row.category.dimension.name, "category": row.label}
                )
                for bound in row.fields:
                    for error in bound.errors:
                        links.append(
                            (
                                bound.id_for_label,
                                _("%(indicator)s, %(row)s, %(part)s: %(error)s")
                                % {
                                    "indicator": name,
                                    "row": row_label,
                                    "part": bound.label,
                                    "error": error,
                                },
                            )
                        )
            for error in entry.note.errors:
                links.append(
                    (
                        entry.note.id_for_label,
                        _("%(indicator)s, note: %(error)s") % {"indicator": name, "error": error},
                    )
                )
        return links

    def entry(self, code: str) -> Entry | None:
        return next((e for e in self.entries() if e.indicator.code == code), None)


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


class ExplainForm(forms.Form):
    """Which figure to explain: scope, its key, the period and the category."""

    scope = forms.ChoiceField(choices=ScopeType.choices, initial=ScopeType.REGION)
    key = forms.CharField(required=False, max_length=100)
    period = forms.CharField(max_length=20)
    category = forms.CharField(required=False, max_length=90)

    def clean_period(self):
        try:
            return parse_period(self.cleaned_data["period"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, with the columns of the template. At most 50 MB."),
    )
    approve = forms.BooleanField(
        label=_("Load as approved historical data (backbone staff only)"), required=False
    )

    MAX_BYTES = 50 * 1024 * 1024

    def __init__(self, *args, can_approve: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_approve:
            del self.fields["approve"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Upload a .csv file."))
        return upload


def _first_period_error(text: str, period_type: str) -> tuple[Period | None, str]:
    try:
        period = parse_period(text)
    except ValueError as error:
        return None, str(error)
    if period.type != period_type:
        return None, _("Give a period of the indicator's type, for example %(example)s.") % {
            "example": Period.containing(period_type, timezone.localdate()).key
        }
    return period, ""


class DimensionForm(BilingualMixin, StaleGuardMixin, forms.ModelForm):
    bilingual = ("name",)

    class Meta:
        model = Dimension
        fields = [*in_each_language("name"), "code", "complete", "order"]
        help_texts = {"code": _("Used in imports and the API, e.g. race-ethnicity.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.categories.filter(values__isnull=False).exists():
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("The code cannot change once values use it.")


class CategoryForm(BilingualMixin, forms.ModelForm):
    bilingual = ("name",)

    class Meta:
        model = Category
        fields = [*in_each_language("name"), "code", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.values.exists():
            self.fields["code"].disabled = True


class BaseCategoryFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        in_use = [
            form.instance.name
            for form in self.deleted_forms
            if form.instance.pk and form.instance.values.exists()
        ]
        if in_use:
            raise forms.ValidationError(
                _("%(names)s: values use these categories, so they cannot be removed.")
                % {"names": ", ".join(in_use)}
            )


CategoryFormSet = forms.inlineformset_factory(
    Dimension,
    Category,
    form=CategoryForm,
    formset=BaseCategoryFormSet,
    extra=2,
    can_delete=True,
)
