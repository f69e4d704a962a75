from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.periods import Period, PeriodType
from partners.models import Organization

# A count of people below this is never published, whatever an indicator's own threshold.
PEOPLE_THRESHOLD_FLOOR = 5


class Unit(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENT = "percent", _("Percent (numerator ÷ denominator × 100)")
    RATE = "rate", _("Rate per 1,000 (numerator ÷ denominator × 1,000)")
    RATIO = "ratio", _("Ratio (numerator ÷ denominator)")
    CURRENCY = "currency", _("Amount of money")
    SCORE = "score", _("Average (a mean or median, weighted by its number of people)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum across organizations")
    RATIO = "ratio", _("Ratio of sums (Σ numerators ÷ Σ denominators)")
    MEAN = "mean", _("Mean weighted by the number of people (Σ score × n ÷ Σ n)")


AGGREGATION_FOR_UNIT = {
    Unit.COUNT: Aggregation.SUM,
    Unit.CURRENCY: Aggregation.SUM,
    Unit.PERCENT: Aggregation.RATIO,
    Unit.RATE: Aggregation.RATIO,
    Unit.RATIO: Aggregation.RATIO,
    Unit.SCORE: Aggregation.MEAN,
}
# A share's value is numerator ÷ denominator × its scale.
SCALE = {Unit.PERCENT: Decimal(100), Unit.RATE: Decimal(1000), Unit.RATIO: Decimal(1)}
SHARE_UNITS = frozenset(SCALE)


class Dimension(models.Model):
    """A way of breaking a figure down: race/ethnicity, sex, age band, county …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Category(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["dimension__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"], name="category_code_per_dimension"
            )
        ]

    def __str__(self):
        return f"{self.dimension.name}: {self.name}"


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
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("The framework or publication the definition comes from."),
    )
    counts_people = models.BooleanField(
        _("counts people"),
        default=True,
        help_text=_("Small counts of people are suppressed for outside readers."),
    )
    stock = models.BooleanField(
        _("stock (a level at a point in time)"),
        default=False,
        help_text=_(
            "A stock is not added up over time: a quarter or year takes its latest period."
        ),
    )
    roll_up_periods = models.BooleanField(
        _("roll up to longer periods"),
        default=True,
        help_text=_("Monthly figures also roll up to quarters and years; quarterly to years."),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period (days)"),
        default=30,
        help_text=_("A report is due this many days after its period ends."),
    )
    dimensions = models.ManyToManyField(
        Dimension, verbose_name=_("breakdowns"), related_name="indicators", blank=True
    )
    suppression_threshold = models.PositiveIntegerField(
        _("suppression threshold"),
        default=10,
        validators=[MinValueValidator(PEOPLE_THRESHOLD_FLOOR)],
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
        return self.unit in SHARE_UNITS

    @property
    def is_mean(self) -> bool:
        return self.unit == Unit.SCORE

    @property
    def scale(self) -> Decimal:
        return SCALE.get(self.unit, Decimal(1))

    @property
    def summable(self) -> bool:
        """Whether categories of one breakdown should add up to the total."""
        return self.aggregation == Aggregation.SUM or self.is_share

    @property
    def period_types(self) -> list[str]:
        """The kinds of period it has figures for: its own, then those it rolls up to."""
        return [self.period_type, *self.rolled_up_period_types]

    @property
    def rolled_up_period_types(self) -> list[str]:
        if not self.roll_up_periods:
            return []
        return {
            PeriodType.MONTH: [PeriodType.QUARTER, PeriodType.YEAR],
            PeriodType.QUARTER: [PeriodType.YEAR],
        }.get(self.period_type, [])

    def compute(self, numerator, denominator, value):
        """The figure shown for given sums: a ratio of sums, a weighted mean, or a sum."""
        if self.aggregation == Aggregation.SUM:
            return value
        if not denominator:
            return None
        scale = self.scale if self.is_share else Decimal(1)
        return (Decimal(numerator) * scale / Decimal(denominator)).quantize(Decimal("0.0001"))


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
    """One indicator's figure in a submission, in total or for one category of one breakdown.

    A count or an amount is ``value``. A share (percent, rate, ratio) is ``numerator`` and
    ``denominator``, with ``value`` worked out. A score is ``value`` (the mean) and
    ``denominator`` (the number of people it is the mean of), with ``numerator`` = value × n.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="values"
    )
    numerator = models.DecimalField(_("numerator"), **_amount)
    denominator = models.DecimalField(_("denominator"), **_amount)
    value = models.DecimalField(_("value"), **_amount)
    note = models.CharField(_("note"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"],
                condition=models.Q(category__isnull=True),
                name="one_total_per_indicator",
            ),
            models.UniqueConstraint(
                fields=["submission", "indicator", "category"],
                condition=models.Q(category__isnull=False),
                name="one_value_per_category",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "submission"])]

    def __str__(self):
        return f"{self.indicator_id}/{self.category_id or 'total'}: {self.value}"


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
    reason = models.CharField(max_length=500, blank=True)

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
    COUNTY = "county", _("County")
    ORG_TYPE = "org_type", _("Organization type")
    ORGANIZATION = "organization", _("Organization")


class Aggregate(models.Model):
    """A rolled-up figure. Dashboards read these, never the raw values.

    One row per indicator, period, scope and category ('' codes for the total). Sums are
    kept beside the value so that any figure can be explained and rolled up again.
    """

    # The unique constraint below starts with the indicator, so no index of its own.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="aggregates", db_index=False
    )
    period_type = models.CharField(max_length=20, choices=PeriodType.choices)
    period_start = models.DateField()
    scope_type = models.CharField(max_length=20, choices=ScopeType.choices)
    scope_key = models.CharField(max_length=100, blank=True)
    dimension_code = models.CharField(max_length=40, blank=True)
    category_code = models.CharField(max_length=40, blank=True)
    numerator = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    denominator = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    value = models.DecimalField(max_digits=24, decimal_places=4, null=True)
    reported = models.PositiveIntegerField(default=0)
    expected = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()
    # Whether readers outside the backbone staff may see it (measures.disclosure), decided
    # when the figures change and stored with them.
    disclosure = models.CharField(max_length=12, blank=True, default="", db_default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "indicator",
                    "scope_type",
                    "scope_key",
                    "period_type",
                    "period_start",
                    "dimension_code",
                    "category_code",
                ],
                name="one_aggregate_per_cell",
            )
        ]
        # What an incremental roll-up deletes and rewrites.
        indexes = [
            models.Index(
                fields=["indicator", "period_type", "period_start"], name="aggregate_period_idx"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.scope_type}:{self.scope_key} {self.period_start}"

    @property
    def period(self) -> Period:
        return Period(self.period_type, self.period_start)

    @property
    def is_total(self) -> bool:
        return not self.dimension_code


class DisclosureBasis(models.Model):
    """What an indicator's stored disclosure decisions were made under: its rules and every
    organization's place (``measures.decisions.basis``). A full rebuild keeps the decisions
    of figures that did not change only while the basis is the same."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    fingerprint = models.CharField(max_length=64)
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.indicator_id} {self.fingerprint[:8]}"


class Publication(models.Model):
    """Who may read the figures beyond the partners, and the disclosure rules' settings
    (a single row). The switches are absolute: with the dashboards not published for
    funders, a funder reads no figure anywhere; the same for the public."""

    for_funders = models.BooleanField(
        _("published for funders"),
        default=False,
        help_text=_("Funders' accounts may read the dashboards, the API and the figures."),
    )
    public = models.BooleanField(
        _("published publicly"),
        default=False,
        help_text=_(
            "Anyone may read the dashboard without signing in, and partners may embed it. "
            "Only approved, rolled-up figures that pass the disclosure rules are shown."
        ),
    )
    min_organizations = models.PositiveSmallIntegerField(
        _("organizations behind every published figure"),
        default=3,
        validators=[MinValueValidator(3)],
        help_text=_(
            "A figure made from fewer organizations' reports is not published. At least 3; "
            "it may be raised, never lowered below 3."
        ),
    )
    complete_percent = models.PositiveSmallIntegerField(
        _("reports in for a complete period (percent)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "A period counts as complete once this share of the expected reports is approved "
            "and its due date has passed; until then its figures are provisional."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("publication")
        db_table = "agenda_publication"

    def __str__(self):
        return f"funders={self.for_funders} public={self.public}"

    @classmethod
    def load(cls) -> "Publication":
        """The one row, or its defaults (unsaved) while there is none: reading writes
        nothing; the first save creates the row."""
        return cls.objects.order_by("pk").first() or cls()


class RollupRun(models.Model):
    """When a roll-up ran and how it ended, for the backbone console and for explanations."""

    class Kind(models.TextChoices):
        FULL = "full", _("Full rebuild")
        INCREMENTAL = "incremental", _("After an approval")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        OK = "ok", _("Finished")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True)
    rows = models.PositiveIntegerField(default=0)
    # Of the run's time, the disclosure decisions' (measures.decisions).
    decision_seconds = models.FloatField(null=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.kind} {self.status} {self.started_at:%Y-%m-%d %H:%M}"


class Target(models.Model):
    """An indicator's baseline, or its target for a period, for the region as a whole.

    The baseline and the targets of one indicator share one period type (the indicator's
    own or one it rolls up to), so that actual, baseline and target sit on one time line.
    """

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        TARGET = "target", _("Target")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period_type = models.CharField(_("period type"), max_length=20, choices=PeriodType.choices)
    period_start = models.DateField(_("period start"))
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4)

    class Meta:
        ordering = ["indicator", "kind", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator"],
                condition=models.Q(kind="baseline"),
                name="one_baseline_per_indicator",
            ),
            models.UniqueConstraint(
                fields=["indicator", "kind", "period_type", "period_start"],
                name="one_target_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.kind} {self.period.key} {self.value}"

    @property
    def period(self) -> Period:
        return Period(self.period_type, self.period_start)


class ImportJob(models.Model):
    """A CSV import from the page, checked and loaded in the background with progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Checking rows")
        FAILED = "failed", _("Not imported: problems found")
        DONE = "done", _("Imported")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    content = models.TextField()
    approve = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    checked_rows = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)
    submissions = models.PositiveIntegerField(default=0)
    values_changed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("import_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.FAILED, self.Status.DONE)

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        return int(100 * self.checked_rows / self.total_rows) if self.total_rows else 0
