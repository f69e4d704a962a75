"""Telling people when a report moves on: submitted → the backbone's reviewers; returned
(with the comment), approved, reopened (with the reason) → the organization's lead and
members. In the app at once, by email as each person's preferences allow (kind "reports"),
and in the weekly digest (communication/emails.py reads the report's events of the week).

Connected to measures' ``report_moved`` in CommunicationConfig.ready(); runs inside the
transaction that moved the report, so the notifications and their emails (through the
outbox) exist exactly when the move does."""

from django.urls import reverse
from django.utils.translation import gettext as _

from communication.actions import notify
from communication.notifications import REPORTS
from measures.models import Submission, SubmissionEvent
from partners.models import Role, User

Action = SubmissionEvent.Action


def recipients(submission: Submission, action: str, by: User):
    """Who hears of this move: reviewers of a submission, the organization of a review;
    never the person who made it."""
    people = User.objects.filter(is_active=True)
    if action == Action.SUBMITTED:
        people = people.filter(memberships__role=Role.BACKBONE)
    else:
        people = people.filter(
            memberships__organization=submission.organization,
            memberships__role__in=[Role.LEAD, Role.MEMBER],
        )
    return people.exclude(pk=by.pk).distinct().order_by("pk")


def describe(submission: Submission, action: str, by: User, comment: str) -> str:
    names = {
        "organization": submission.organization.name,
        "period": submission.period.label,
        "person": by.get_full_name() or by.email,
        "comment": " ".join(comment.split()),
    }
    if action == Action.SUBMITTED:
        return (
            _("%(organization)s submitted its report for %(period)s; it is waiting for review.")
            % names
        )
    if action == Action.RETURNED:
        return _("%(person)s returned your report for %(period)s: %(comment)s") % names
    if action == Action.APPROVED:
        return (
            _(
                "%(person)s approved your report for %(period)s; its figures join the shared "
                "measures."
            )
            % names
        )
    return _("%(person)s reopened your report for %(period)s to correct it: %(comment)s") % names


def announce_report_moved(sender, *, submission, action, by, comment, **kwargs) -> None:
    people = list(recipients(submission, action, by))
    if not people:
        return
    url = reverse("report", args=[submission.organization.slug, submission.period.key])
    notify(people, lambda: describe(submission, action, by, comment), url, REPORTS)
