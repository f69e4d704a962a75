"""Writes to submissions and values. Views, commands and tests all go through these."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common import outbox
from measures import reporting, rollups, tasks
from measures.models import (
    DataValue,
    Dimension,
    Indicator,
    RollupRun,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    ValueChange,
)
from measures.periods import Period
from measures.signals import report_moved
from partners.models import Organization, User

FIGURES = ("numerator", "denominator", "value")


def get_or_start_submission(organization: Organization, period: Period) -> Submission:
    submission, _created = Submission.objects.get_or_create(
        organization=organization, period_type=period.type, period_start=period.start
    )
    return submission


def _locked(submission_pk: int) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission_pk)


class StaleReport(Exception):
    """The report's values were saved by someone else since the page was opened."""

    def __init__(self, revision: int):
        super().__init__(revision)
        self.revision = revision


@transaction.atomic
def save_values(
    submission: Submission,
    figures: dict[tuple[int, int | None], dict],
    *,
    by: User,
    reason: str = "",
    base_revision: int | None = None,
) -> int:
    """Store the figures of a draft, keyed by (indicator id, category id or None for the
    total). Every change keeps the old figures, who changed them and why. Returns the
    number of figures changed. A figure left out of ``figures`` keeps its stored value, and
    a missing note (None) its stored note. With ``base_revision`` (the revision the page
    showed), a save made from an older page raises StaleReport and changes nothing."""
    submission = _locked(submission.pk)
    if base_revision is not None and base_revision != submission.revision:
        raise StaleReport(submission.revision)
    if not submission.is_editable:
        raise ValidationError(
            _("This submission is %(status)s and cannot be changed.")
            % {"status": submission.get_status_display().lower()}
        )
    existing = {(dv.indicator_id, dv.category_id): dv for dv in submission.values.all()}
    changes, created, updated = [], [], []
    for (indicator_id, category_id), new in figures.items():
        new = dict(new)
        note = new.pop("note", None)
        current = existing.get((indicator_id, category_id))
        if note is None:  # not on the page that was sent: keep the stored one
            note = current.note if current else ""
        old = {name: getattr(current, name) if current else None for name in FIGURES}
        same_figures = all(_same(old[name], new[name]) for name in FIGURES)
        if current is None and all(new[name] is None for name in FIGURES):
            continue
        if same_figures and (current is None or current.note == note):
            continue
        if current is None:
            current = DataValue(
                submission=submission,
                indicator_id=indicator_id,
                category_id=category_id,
                note=note,
                **new,
            )
            created.append(current)
        else:
            for name in FIGURES:
                setattr(current, name, new[name])
            current.note = note
            current.updated_at = timezone.now()
            updated.append(current)
        if not same_figures:
            changes.append((current, old, new))
    DataValue.objects.bulk_create(created)
    if updated:
        DataValue.objects.bulk_update(updated, [*FIGURES, "note", "updated_at"])
    ValueChange.objects.bulk_create(
        ValueChange(
            data_value=current,
            changed_by=by,
            reason=reason or current.note,
            **{f"old_{name}": old[name] for name in FIGURES},
            **{f"new_{name}": new[name] for name in FIGURES},
        )
        for current, old, new in changes
    )
    if created or updated:
        SubmissionEvent.objects.create(
            submission=submission, action=SubmissionEvent.Action.SAVED, actor=by
        )
        Submission.objects.filter(pk=submission.pk).update(
            updated_at=timezone.now(), revision=submission.revision + 1
        )
    return len(changes)


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return Decimal(a) == Decimal(b)


def expected_indicators(organization: Organization, period: Period):
    """The indicators an organization reports for a period: those of the period's type that
    it reports, from their first period and from its own first reporting day on, and any it
    has values for in that period all the same (history loaded from before)."""
    reported = Indicator.objects.filter(
        reporting_organizations=organization, period_type=period.type
    )
    due = Q(pk__in=[])
    if reporting.organization_reports(organization.reports_from, period):
        due = Q(first_period_start__isnull=True) | Q(first_period_start__lte=period.start)
    entered = Q(
        values__submission__organization=organization,
        values__submission__period_type=period.type,
        values__submission__period_start=period.start,
    )
    return reported.filter(pk__in=reported.filter(due | entered).values("pk")).order_by("name")


@transaction.atomic
def submit(submission: Submission, *, by: User) -> Submission:
    submission = _locked(submission.pk)
    if not submission.is_editable:
        raise ValidationError(_("Only a draft or a returned submission can be submitted."))
    filled = set(
        submission.values.filter(value__isnull=False, category=None).values_list(
            "indicator_id", flat=True
        )
    )
    missing = [
        indicator.name
        for indicator in expected_indicators(submission.organization, submission.period)
        if indicator.pk not in filled
    ]
    if missing:
        raise ValidationError(
            _("Enter every value before submitting. Missing: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = by
    submission.save()
    SubmissionEvent.objects.create(
        submission=submission, action=SubmissionEvent.Action.SUBMITTED, actor=by
    )
    report_moved.send(
        sender=Submission,
        submission=submission,
        action=SubmissionEvent.Action.SUBMITTED,
        by=by,
        comment="",
    )
    return submission


def _review(
    submission, *, by, expected, status, action, error, comment="", rollup=False, announce=True
):
    """Move a submission as a reviewer: check its state, record who, when and why, and
    tell the organization (``report_moved``) unless it is history being loaded."""
    submission = _locked(submission.pk)
    if submission.status != expected:
        raise ValidationError(error)
    submission.status = status
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = by
    submission.review_comment = comment
    submission.save()
    SubmissionEvent.objects.create(submission=submission, action=action, actor=by, comment=comment)
    if announce:
        report_moved.send(
            sender=Submission, submission=submission, action=action, by=by, comment=comment
        )
    if rollup:
        _enqueue_rollups(submission)
    return submission


@transaction.atomic
def approve(submission: Submission, *, by: User, announce: bool = True) -> Submission:
    """Lock the values and roll them up (after commit)."""
    return _review(
        submission,
        by=by,
        expected=SubmissionStatus.SUBMITTED,
        status=SubmissionStatus.APPROVED,
        action=SubmissionEvent.Action.APPROVED,
        error=_("Only a submitted report can be approved."),
        rollup=True,
        announce=announce,
    )


@transaction.atomic
def return_submission(submission: Submission, *, by: User, comment: str) -> Submission:
    return _review(
        submission,
        by=by,
        expected=SubmissionStatus.SUBMITTED,
        status=SubmissionStatus.RETURNED,
        action=SubmissionEvent.Action.RETURNED,
        error=_("Only a submitted report can be returned."),
        comment=comment,
    )


@transaction.atomic
def reopen(submission: Submission, *, by: User, reason: str) -> Submission:
    """Unlock an approved submission; its values leave the roll-ups until approved again."""
    return _review(
        submission,
        by=by,
        expected=SubmissionStatus.APPROVED,
        status=SubmissionStatus.RETURNED,
        action=SubmissionEvent.Action.REOPENED,
        error=_("Only an approved report can be reopened."),
        comment=reason,
        rollup=True,
    )


@transaction.atomic
def approve_imported(submission: Submission, *, by: User, comment: str) -> Submission:
    """Load historical data as approved (backbone staff only; the import checks that)."""
    submission = _locked(submission.pk)
    if submission.is_editable:
        submission.status = SubmissionStatus.SUBMITTED
        submission.submitted_at = timezone.now()
        submission.submitted_by = by
        submission.save()
        SubmissionEvent.objects.create(
            submission=submission,
            action=SubmissionEvent.Action.SUBMITTED,
            actor=by,
            comment=comment,
        )
    return approve(submission, by=by, announce=False)  # history being loaded: nobody to tell


def _enqueue_rollups(submission: Submission) -> None:
    """One roll-up task for the report's indicators and period, sent after commit."""
    period = submission.period
    indicator_ids = sorted(set(submission.values.values_list("indicator_id", flat=True)))
    if indicator_ids:
        outbox.enqueue(
            tasks.rollup_report,
            indicator_ids,
            period.type,
            period.start.isoformat(),
            submission.organization.slug,
        )


# The library: indicators and breakdowns ------------------------------------------------------

# A change to any of these changes what may be shown, so every figure is decided again.
DISCLOSURE_FIELDS = {"suppression_threshold", "counts_people", "unit", "dimensions"}


@transaction.atomic
def save_indicator(form) -> Indicator:
    """Add or edit an indicator; the disclosure decisions follow new rules once committed."""
    edited = not form.instance._state.adding
    indicator = form.save()
    if edited and DISCLOSURE_FIELDS & set(form.changed_data):
        outbox.enqueue(tasks.rebuild_all_aggregates)
    return indicator


@transaction.atomic
def save_dimension(form, formset) -> Dimension:
    """A breakdown and its categories, together."""
    dimension = form.save()
    formset.instance = dimension
    formset.save()
    return dimension


def resume_abandoned_rebuild() -> bool:
    """A full rebuild still marked running while no roll-up holds the lock was left by a
    worker that died: it is marked failed, saying so, and started again (through the
    outbox). A worker runs this when it starts. Returns whether there was one."""
    if connection.vendor != "postgresql":  # elsewhere tasks run in the request
        return False
    with transaction.atomic():
        if rollups.rebuild_alive():
            return False  # a rebuild is running
        abandoned = RollupRun.objects.filter(
            kind=RollupRun.Kind.FULL, status=RollupRun.Status.RUNNING
        ).update(
            status=RollupRun.Status.FAILED,
            finished_at=timezone.now(),
            detail="The worker stopped before this rebuild finished; it was started again.",
        )
        if abandoned:
            outbox.enqueue(tasks.rebuild_all_aggregates)
    return bool(abandoned)
