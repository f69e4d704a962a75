"""Reporting: each organization's submissions for a period, their values, the history of
every change, and CSV import jobs."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from measures.models.library import Category, Indicator
from measures.periods import Period, PeriodType
from partners.models import Organization
from partners.roles import roles_for


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, person):
        """Backbone staff see every report; a partner's people their organizations' ones."""
        roles = roles_for(person)
        if roles.backbone:
            return self
        return self.filter(organization_id__in=roles.member_org_ids)


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
    # How many saves have changed its values: a save made from a page showing an older
    # revision is refused (measures.actions.StaleReport), so nobody overwrites unseen work.
    revision = models.PositiveIntegerField(default=0, db_default=0)

    objects = SubmissionQuerySet.as_manager()

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


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, person):
        """Backbone staff see every import; anyone else those they started."""
        return self if roles_for(person).backbone else self.filter(created_by=person)


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

    objects = ImportJobQuerySet.as_manager()

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
