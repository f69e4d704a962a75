"""The rolled-up figures with their disclosure decisions, what the decisions were made
under, the publication settings, and the record of each roll-up run."""

from functools import cache

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import scope
from measures.models.library import Indicator
from measures.periods import Period, PeriodType


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
        nothing; the first save creates the row. Read once per reading request
        (common/scope.py), with the figures' stamp: a page asks for both, from several
        places."""
        return publication_and_stamp()[0]


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


@cache
def _statement(alias: str) -> str:
    """The publication row with how many roll-ups have finished and when the last one did,
    written once per process from the models' tables: it runs on every page that shows
    figures, where building it through the ORM would cost more than running it."""
    quote = connections[alias].ops.quote_name
    columns = ", ".join(f"p.{quote(field.column)}" for field in Publication._meta.concrete_fields)
    runs = f"FROM {quote(RollupRun._meta.db_table)} r WHERE r.{quote('status')} = %s"
    return (
        f"SELECT {columns}, (SELECT COUNT(*) {runs}) AS runs,"  # noqa: S608
        f" (SELECT MAX(r.{quote('finished_at')}) {runs}) AS last_run"
        f" FROM {quote(Publication._meta.db_table)} p ORDER BY p.{quote('id')} LIMIT 1"
    )


def _read_publication_and_stamp() -> tuple[Publication, str]:
    ok = RollupRun.Status.OK
    alias = router.db_for_read(Publication)
    rows = list(Publication.objects.using(alias).raw(_statement(alias), [ok, ok]))
    if rows:
        publication, runs, last = rows[0], rows[0].runs, rows[0].last_run
    else:  # no settings saved yet: their defaults
        publication = Publication()
        finished = RollupRun.objects.using(alias).filter(status=ok)
        runs, last = finished.count(), finished.aggregate(last=models.Max("finished_at"))["last"]
    # As the database gives them (a datetime, or text in SQLite): only their change counts.
    return publication, f"{runs}:{last}:{publication.updated_at}"


def publication_and_stamp() -> tuple[Publication, str]:
    """The publication settings, and the stamp of the figures (measures/cache.py): the
    roll-ups finished and the settings' last save. One statement, once per reading
    request."""
    return scope.once("publication-and-stamp", _read_publication_and_stamp)
