"""Who is told when a report moves on: submitted → backbone reviewers; returned (with the
comment), approved, reopened (with the reason) → the organization's lead and members; in the
app, by email as each person's preferences allow, and in the weekly digest."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from communication import emails
from communication.models import EmailPreference, Notification
from communication.notifications import REPORTS
from measures.models import SubmissionStatus
from partners.models import Role
from tests.factories import person
from tests.test_reporting import YEAR, enter, report_url


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def told(world, since=0):
    return {
        (n.user.email, n.text, n.url)
        for n in Notification.objects.filter(kind=REPORTS).select_related("user")[since:]
    }


def test_each_move_of_a_report_tells_the_right_people_by_app_and_email(world, on_commit):
    url = reverse("report", args=[world.org_a.slug, YEAR])
    other_reviewer = person("reviewer@example.org", world.backbone_org, Role.BACKBONE)
    EmailPreference.objects.create(user=world.member_a, reports=False)

    with on_commit():
        assert enter(world.client(world.lead_a), report_url(world), submit=True).status_code == 302
    assert told(world) == {
        (
            email,
            f"Durham Tech submitted its report for {YEAR}; it is waiting for review.",
            url,
        )
        for email in (world.backbone.email, other_reviewer.email)
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.backbone.email, other_reviewer.email]
    )
    message = mail.outbox[0]
    assert "waiting for review" in message.subject
    assert "reports submitted, returned, approved or reopened" in message.body  # why you got it
    assert message.extra_headers["List-Unsubscribe"]

    Notification.objects.all().delete()
    mail.outbox.clear()
    reviewer = world.client(world.backbone)
    with on_commit():
        reviewer.post(
            reverse("report_return", args=[world.org_a.slug, YEAR]),
            {"comment": "Check the cohort."},
        )
    name = world.backbone.get_full_name()
    returned = f"{name} returned your report for {YEAR}: Check the cohort."
    assert told(world) == {
        (world.lead_a.email, returned, url),
        (world.member_a.email, returned, url),
    }
    # The member turned these emails off: told in the app only. Nobody of Durham Public Schools.
    assert [m.to[0] for m in mail.outbox] == [world.lead_a.email]
    assert "Check the cohort." in mail.outbox[0].body

    with on_commit():
        enter(world.client(world.lead_a), report_url(world), submit=True)
        reviewer.post(reverse("report_approve", args=[world.org_a.slug, YEAR]))
    assert (
        world.lead_a.email,
        f"{name} approved your report for {YEAR}; its figures join the shared measures.",
        url,
    ) in told(world)
    with on_commit():
        reviewer.post(
            reverse("report_reopen", args=[world.org_a.slug, YEAR]),
            {"reason": "A typo in the cohort."},
        )
    assert (
        world.member_a.email,
        f"{name} reopened your report for {YEAR} to correct it: A typo in the cohort.",
        url,
    ) in told(world)
    # Nobody is told of their own move.
    assert not Notification.objects.filter(
        user=world.backbone, text__contains="your report"
    ).exists()
    assert world.client(world.member_a).get(reverse("notifications")).text.count("your report") >= 3


def test_history_loaded_as_approved_tells_nobody(world):
    from measures import actions
    from measures.periods import parse_period

    submission = actions.get_or_start_submission(world.org_a, parse_period(YEAR))
    actions.approve_imported(submission, by=world.backbone, comment="Loaded from the 2019 file.")
    assert submission.__class__.objects.get(pk=submission.pk).status == SubmissionStatus.APPROVED
    assert not Notification.objects.exists()


def test_the_weekly_digest_lists_the_reports_that_moved_for_each_person(world):
    enter(world.client(world.lead_a), report_url(world), submit=True)
    world.client(world.backbone).post(
        reverse("report_return", args=[world.org_a.slug, YEAR]), {"comment": "Check the cohort."}
    )
    Notification.objects.update(created_at=timezone.now() - timedelta(days=2))
    today = timezone.localdate()
    digest = emails.build_digest(today, list(emails.digest_recipients()))
    assert [n.text for n in digest.reports[world.backbone.pk]] == [
        f"Durham Tech submitted its report for {YEAR}; it is waiting for review."
    ]
    assert "returned your report" in digest.reports[world.member_a.pk][0].text
    assert world.lead_b.pk not in digest.reports and world.funder.pk not in digest.reports
    emails.send_weekly_digest(today)
    [to_member] = [m for m in mail.outbox if m.to == [world.member_a.email]]
    assert "REPORTS THIS WEEK" in to_member.body and "Check the cohort." in to_member.body
    assert "Check the cohort." in to_member.alternatives[0][0]
    # A move older than the week is not in it.
    Notification.objects.update(created_at=timezone.make_aware(datetime(2020, 1, 1)))
    assert not emails.build_digest(today, list(emails.digest_recipients())).reports


def test_a_reviewer_sees_each_figure_in_context(world, django_capture_on_commit_callbacks):
    """Beside Approve and Return: the value as readers see it, the period before, the change,
    the region's figure so far, and the flags."""
    from measures import rollups

    previous = str(int(YEAR) - 1)
    lead, reviewer = world.client(world.lead_a), world.client(world.backbone)
    enter(lead, reverse("report", args=[world.org_a.slug, previous]), True)
    reviewer.post(reverse("report_approve", args=[world.org_a.slug, previous]))
    enter(
        world.client(world.lead_b),
        reverse("report", args=[world.org_b.slug, YEAR]),
        True,
        **{"grad-rate__total__numerator": "60"},
    )
    reviewer.post(reverse("report_approve", args=[world.org_b.slug, YEAR]))
    rollups.rebuild_all()
    enter(
        lead,
        report_url(world),
        True,
        **{
            "grad-rate__total__numerator": "90",
            "enrolled__total__value": "300",
            "enrolled__note": "A new campus.",
        },
    )
    page = reviewer.get(report_url(world))
    assert page.status_code == 200
    html = page.text
    table = html[
        html.index(f"The report for {YEAR} in context") : html.index(
            "</table>", html.index("in context")
        )
    ]
    assert f"Period before ({previous})" in table
    assert "A year earlier" not in table  # yearly periods: the same as the period before
    grad = table[table.index("Graduation rate") :]
    grad = grad[: grad.index("</tr>")]
    # This report 90.0% (90 of 100); before 80.0%; +10.0 points; region so far 60.0% (1 report).
    for expected in ("90.0%", "90 of 100", "80.0%", "+10.0 points", "60.0%", "1 report approved"):
        assert expected in grad, expected
    enrolled = table[table.index("Participants enrolled") :]
    enrolled = enrolled[: enrolled.index("</tr>")]
    assert "300" in enrolled and "120" in enrolled and "+180" in enrolled
    assert "very different from the previous period (120)" in enrolled
    # Partners never see the review table.
    assert "in context" not in lead.get(report_url(world)).text
