from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from measures.periods import Period, PeriodType
from partners.models import Organization


class Unit(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENT = "percent", _("Percent (numerator ÷ denominator)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum across organizations")
    RATIO = "ratio", _("Ratio of sums (Σ numerators ÷ Σ denominators)")


AGGREGATION_FOR_UNIT = {Unit.COUNT: Aggregation.SUM, Unit.PERCENT: Aggregation.RATIO}


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class Level(models.TextChoices):
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    SYSTEMS = "systems", _("Systems change")


class Indicator(models.Model):
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9][a-z0-9_-]*$",
                _("Use lower-case letters, digits, hyphens and underscores."),
            )
        ],
        help_text=_("A short, permanent identifier used in links and imports, e.g. hs-grad-rate."),
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    numerator_definition = models.TextField(_("numerator"), blank=True)
    denominator_definition = models.TextField(_("denominator"), blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.UP
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    period_type = models.CharField(
        _("period type"), max_length=20, choices=PeriodType.choices, default=PeriodType.YEAR
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=20, choices=Aggregation.choices, editable=False
    )
    suppression_threshold = models.PositiveIntegerField(
        _("suppression threshold"),
        default=10,
        help_text=_("Counts of people below this number are hidden from outside readers."),
    )
    reporting_organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("reported by"),
        related_name="reported_indicators",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.aggregation = AGGREGATION_FOR_UNIT[self.unit]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("indicator_detail", args=[self.code])

    @property
    def is_share(self) -> bool:
        return self.unit == Unit.PERCENT


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class Submission(models.Model):
    """One organization's values for one period."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="submissions"
    )
    period_type = models.CharField(max_length=20, choices=PeriodType.choices)
    period_start = models.DateField()
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-period_start", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period_type", "period_start"],
                name="one_submission_per_org_period",
            )
        ]
        indexes = [models.Index(fields=["status", "period_type", "period_start"])]

    def __str__(self):
        return f"{self.organization} — {self.period.label}"

    def get_absolute_url(self):
        return reverse("report", args=[self.organization.slug, self.period.key])

    @property
    def period(self) -> Period:
        return Period(self.period_type, self.period_start)

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


_amount = {
    "max_digits": 18,
    "decimal_places": 4,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(Decimal(0))],
}


class DataValue(models.Model):
    """One indicator's value in a submission: a count in ``value``, or a share as
    ``numerator`` and ``denominator`` with ``value`` the percentage."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    numerator = models.DecimalField(_("numerator"), **_amount)
    denominator = models.DecimalField(_("denominator"), **_amount)
    value = models.DecimalField(_("value"), **_amount)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"], name="one_value_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.value}"


class ValueChange(models.Model):
    """The old and new figures every time a value changes, with who, when and why."""

    data_value = models.ForeignKey(DataValue, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    old_numerator = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    old_denominator = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    old_value = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    new_numerator = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    new_denominator = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    new_value = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.data_value_id}: {self.old_value} → {self.new_value}"


class SubmissionEvent(models.Model):
    """The life of a submission: saved, submitted, approved, returned, reopened."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved as draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        REOPENED = "reopened", _("Reopened")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_id} at {self.at:%Y-%m-%d %H:%M}"


class ScopeType(models.TextChoices):
    REGION = "region", _("Region")


class Aggregate(models.Model):
    """A rolled-up figure. Dashboards read these, never the raw values."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="aggregates")
    period_type = models.CharField(max_length=20, choices=PeriodType.choices)
    period_start = models.DateField()
    scope_type = models.CharField(max_length=20, choices=ScopeType.choices)
    scope_key = models.CharField(max_length=80, blank=True)
    numerator = models.DecimalField(max_digits=22, decimal_places=4, null=True)
    denominator = models.DecimalField(max_digits=22, decimal_places=4, null=True)
    value = models.DecimalField(max_digits=22, decimal_places=4, null=True)
    reported = models.PositiveIntegerField(default=0)
    expected = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_type", "period_start", "scope_type", "scope_key"],
                name="one_aggregate_per_scope_period",
            )
        ]
        ordering = ["indicator", "period_start"]

    def __str__(self):
        return f"{self.indicator_id} {self.period_type} {self.period_start}: {self.value}"

    @property
    def period(self) -> Period:
        return Period(self.period_type, self.period_start)
