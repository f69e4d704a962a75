"""The indicator library: indicators, their breakdowns and categories, and the region's
baselines and targets."""

from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
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
    complete = models.BooleanField(
        _("categories add up to the total"),
        default=True,
        help_text=_(
            "On when every person is in exactly one category, so the categories must add up "
            "to the total. Off for a partial breakdown (for example by pathway, where a "
            "partner reports only the pathways it runs)."
        ),
    )
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
    first_period_start = models.DateField(
        _("first period"),
        null=True,
        blank=True,
        help_text=_("The first period partners report. Nothing is due before it."),
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
