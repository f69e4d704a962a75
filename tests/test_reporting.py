"""Partner reporting, approval and the roll-up to the region, through the views."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import (
    Aggregate,
    DataValue,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    ValueChange,
)
from tests.conftest import YEAR

pytestmark = pytest.mark.django_db


def report_url(world, org=None):
    return reverse("report", args=[(org or world.org_a).slug, YEAR])


def enter(client, url, submit=False, **figures):
    data = {
        "enrolled__total__value": "120",
        "grad-rate__total__numerator": "80",
        "grad-rate__total__denominator": "100",
    }
    data.update(figures)
    if submit:
        data["submit"] = "1"
    else:
        data["save"] = "1"
    return client.post(url, data)


def test_member_saves_a_draft_and_history_is_kept(world):
    client = world.client(world.member_a)
    response = enter(client, report_url(world))
    assert response.status_code == 302
    submission = Submission.objects.get(organization=world.org_a)
    assert submission.status == SubmissionStatus.DRAFT
    values = {dv.indicator.code: dv for dv in submission.values.select_related("indicator")}
    assert values["enrolled"].value == 120
    assert values["grad-rate"].numerator == 80
    assert values["grad-rate"].value == Decimal("80.0000")

    enter(client, report_url(world), **{"enrolled__total__value": "125"})
    change = ValueChange.objects.filter(data_value=values["enrolled"]).first()
    assert (change.old_value, change.new_value, change.changed_by) == (120, 125, world.member_a)
    assert ValueChange.objects.filter(data_value=values["enrolled"]).count() == 2

    page = client.get(report_url(world))
    assert 'value="125"' in page.text
    assert "Saved as draft" in page.text


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("enrolled__total__value", "lots", "Enter a number, such as 42."),
        ("enrolled__total__value", "-3", "This cannot be negative."),
        ("enrolled__total__value", "2.5", "A count of people is a whole number."),
        (
            "grad-rate__total__numerator",
            "120",
            "The numerator cannot be larger than the denominator.",
        ),
        ("grad-rate__total__denominator", "0", "The denominator must be more than zero."),
    ],
)
def test_bad_figures_are_field_errors_and_nothing_is_saved(world, field, typed, message):
    client = world.client(world.lead_a)
    response = enter(client, report_url(world), submit=True, **{field: typed})
    assert response.status_code == 400
    assert message in response.text
    # The error sits beside its field, which is marked invalid and described by it.
    assert f'id="id_{field}_error"><p>{message}</p>' in response.text
    assert f'aria-describedby="id_{field}_error"' in response.text
    assert not DataValue.objects.exists()
    assert not Submission.objects.exists()


def test_member_cannot_submit_but_lead_can(world):
    response = enter(world.client(world.member_a), report_url(world), submit=True)
    assert response.status_code == 403
    assert not Submission.objects.exists()

    response = enter(world.client(world.lead_a), report_url(world), submit=True)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.submitted_by == world.lead_a


def test_submit_needs_every_value(world):
    client = world.client(world.lead_a)
    response = enter(client, report_url(world), submit=True, **{"enrolled__total__value": ""})
    assert response.status_code == 302
    page = client.get(report_url(world))
    assert "Enter every value before submitting. Missing: Participants enrolled." in page.text
    # The draft part was kept, not lost.
    assert Submission.objects.get().status == SubmissionStatus.DRAFT
    assert DataValue.objects.filter(indicator=world.share).exists()


@pytest.fixture
def approve(world, django_capture_on_commit_callbacks):
    """Approve as backbone staff, running the roll-up that is enqueued after commit."""

    def approve(org=None):
        with django_capture_on_commit_callbacks(execute=True):
            return world.client(world.backbone).post(
                reverse("report_approve", args=[(org or world.org_a).slug, YEAR])
            )

    return approve


def test_approval_rolls_up_to_the_region_as_a_ratio_of_sums(world, approve):
    enter(world.client(world.lead_a), report_url(world), submit=True)
    enter(
        world.client(world.lead_b),
        report_url(world, world.org_b),
        submit=True,
        **{
            "enrolled__total__value": "30",
            "grad-rate__total__numerator": "10",
            "grad-rate__total__denominator": "50",
        },
    )
    assert approve().status_code == 302
    assert approve(world.org_b).status_code == 302

    rate = Aggregate.objects.get(indicator=world.share, scope_type="region")
    # (80 + 10) / (100 + 50) = 60 %, not the mean of 80 % and 20 % (50 %).
    assert (rate.numerator, rate.denominator, rate.value) == (90, 150, Decimal("60.0000"))
    assert (rate.reported, rate.expected) == (2, 2)
    count = Aggregate.objects.get(indicator=world.count, scope_type="region")
    assert count.value == 150

    dashboard = world.client(world.backbone).get(reverse("dashboard"))
    assert dashboard.status_code == 200
    assert "60.0%" in dashboard.text
    assert "2 of 2" in dashboard.text
    # Two organizations' figures: a funder learns that they are held back, and why.
    dashboard = world.client(world.funder).get(reverse("dashboard"))
    assert "60.0%" not in dashboard.text
    assert "suppressed (fewer than 3 organizations)" in dashboard.text


def test_approved_values_are_locked(world, approve):
    client = world.client(world.lead_a)
    enter(client, report_url(world), submit=True)
    approve()
    response = enter(client, report_url(world), **{"enrolled__total__value": "999"})
    assert response.status_code == 302
    assert DataValue.objects.get(indicator=world.count).value == 120
    assert "locked" in client.get(report_url(world)).text


def test_return_with_comment_then_resubmit(world):
    client = world.client(world.lead_a)
    enter(client, report_url(world), submit=True)
    url = reverse("report_return", args=[world.org_a.slug, YEAR])
    backbone = world.client(world.backbone)
    assert backbone.post(url, {"comment": ""}).status_code == 302
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED  # a comment is required

    backbone.post(url, {"comment": "Enrolment looks double-counted."})
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.RETURNED
    assert "Enrolment looks double-counted." in client.get(reverse("home")).text

    enter(client, report_url(world), submit=True, **{"enrolled__total__value": "60"})
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_reopen_records_the_reason_and_takes_values_out_of_the_rollup(
    world, approve, django_capture_on_commit_callbacks
):
    enter(world.client(world.lead_a), report_url(world), submit=True)
    approve()
    assert Aggregate.objects.filter(indicator=world.count).exists()
    url = reverse("report_reopen", args=[world.org_a.slug, YEAR])
    with django_capture_on_commit_callbacks(execute=True):
        world.client(world.backbone).post(url, {"reason": "Partner found an error."})
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.RETURNED
    event = submission.events.last()
    assert (event.action, event.comment) == (
        SubmissionEvent.Action.REOPENED,
        "Partner found an error.",
    )
    assert not Aggregate.objects.filter(indicator=world.count).exists()


def test_other_partners_and_funders_never_see_a_draft(world):
    enter(world.client(world.member_a), report_url(world))
    assert world.client(world.lead_b).get(report_url(world)).status_code == 404
    assert world.client(world.funder).get(report_url(world)).status_code == 404
    assert world.client(world.backbone).get(report_url(world)).status_code == 200


def test_funder_post_changes_nothing(world):
    response = enter(world.client(world.funder), report_url(world), submit=True)
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_home_shows_what_each_role_needs_next(world):
    enter(world.client(world.lead_b), report_url(world, world.org_b), submit=True)
    backbone_home = world.client(world.backbone).get(reverse("home")).text
    assert "Submissions awaiting approval" in backbone_home
    assert "Durham Public Schools" in backbone_home

    partner_home = world.client(world.member_a).get(reverse("home")).text
    assert "Reports due" in partner_home
    assert "Enter data for" in partner_home

    funder_home = world.client(world.funder).get(reverse("home")).text
    assert "The region&#x27;s shared measures" in funder_home or "shared measures" in funder_home
    assert "Reports due" not in funder_home


def test_backbone_filters_submissions_by_status(world, approve):
    enter(world.client(world.lead_a), report_url(world), submit=True)
    enter(world.client(world.lead_b), report_url(world, world.org_b), submit=True)
    approve()
    client = world.client(world.backbone)
    page = client.get(reverse("report_list"), {"status": "approved"})
    assert "Durham Tech" in page.text and "Durham Public Schools" not in page.text
    fragment = client.get(
        reverse("report_list"), {"status": "submitted"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in fragment.text
    assert "Durham Public Schools" in fragment.text and "Durham Tech" not in fragment.text
    assert client.get(reverse("report_list"), {"status": "bogus"}).status_code == 200


def test_htmx_check_returns_only_the_error_texts_and_saves_nothing(world):
    """The check in place replaces the error texts of the indicator (out of band), never the
    boxes being typed in."""
    client = world.client(world.member_a)
    response = client.post(
        report_url(world),
        {
            "grad-rate__total__numerator": "9",
            "grad-rate__total__denominator": "5",
            "check": "1",
            "indicator": "grad-rate",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "<input" not in response.text
    assert (
        '<div class="field-error" id="id_grad-rate__total__numerator_error" hx-swap-oob="true">'
        "<p>The numerator cannot be larger than the denominator.</p></div>"
    ) in response.text
    assert 'id="id_grad-rate__total__denominator_error" hx-swap-oob="true"></div>' in response.text
    assert 'id="warnings-grad-rate" hx-swap-oob="true"' in response.text
    assert not Submission.objects.exists()


def test_an_outlier_needs_a_note_and_is_kept_with_it(world):
    previous = str(int(YEAR) - 1)
    enter(world.client(world.lead_a), reverse("report", args=[world.org_a.slug, previous]), True)
    world.client(world.backbone).post(reverse("report_approve", args=[world.org_a.slug, previous]))
    client = world.client(world.lead_a)
    response = enter(client, report_url(world), **{"enrolled__total__value": "400"})
    assert response.status_code == 400
    assert "very different from the previous period (120)" in response.text
    assert "Say why the figure changed so much." in response.text
    response = enter(
        client,
        report_url(world),
        **{"enrolled__total__value": "400", "enrolled__note": "A second campus opened."},
    )
    assert response.status_code == 302
    value = DataValue.objects.get(
        indicator=world.count, submission__period_start__year=int(YEAR), category=None
    )
    assert (value.value, value.note) == (400, "A second campus opened.")
    assert ValueChange.objects.filter(data_value=value).first().reason == "A second campus opened."


def test_breakdowns_are_entered_and_a_mismatch_is_flagged(world):
    from measures.models import Category, Dimension

    sex = Dimension.objects.create(code="sex", name="Sex")
    female = Category.objects.create(dimension=sex, code="female", name="Female")
    male = Category.objects.create(dimension=sex, code="male", name="Male")
    world.count.dimensions.add(sex)
    client = world.client(world.member_a)
    response = enter(
        client,
        report_url(world),
        **{f"enrolled__c{female.pk}__value": "70", f"enrolled__c{male.pk}__value": "40"},
    )
    assert response.status_code == 302
    saved = {dv.category_id: dv.value for dv in DataValue.objects.filter(indicator=world.count)}
    assert saved == {None: 120, female.pk: 70, male.pk: 40}
    warning = "Sex: the categories&#x27; value adds up to 110, but the total is 120."
    assert warning in client.get(report_url(world)).text  # the partner is warned
    assert warning in world.client(world.backbone).get(report_url(world)).text  # and flagged


def test_history_page_lists_every_change(world):
    client = world.client(world.member_a)
    enter(client, report_url(world))
    enter(client, report_url(world), **{"enrolled__total__value": "125"})
    page = client.get(reverse("report_history", args=[world.org_a.slug, YEAR]))
    assert page.status_code == 200
    assert page.text.count("Participants enrolled") == 2
    assert "<td>120</td>" in page.text and "<td>125</td>" in page.text
    assert "80 / 100 = 80" in page.text


def test_calendar_shows_due_dates_and_overdue(world):
    from django.utils import timezone

    from measures.periods import Period

    last = Period.last_closed("year", timezone.localdate())
    page = world.client(world.backbone).get(reverse("report_calendar"))
    assert "Durham Tech" in page.text and "Durham Public Schools" in page.text
    assert last.label in page.text
    due = last.end + timedelta(days=30)
    assert f"{due.day} {due:%b %Y}" in page.text
    assert ("overdue" in page.text) == (timezone.localdate() > due)


def test_a_save_from_a_stale_page_is_refused_and_keeps_what_was_typed(world):
    """Two people open the same report; the later save from the older page is refused."""
    first, second = world.client(world.member_a), world.client(world.lead_a)
    url = report_url(world)
    assert enter(first, url).status_code == 302  # revision 1
    # Both open the page at revision 1.
    assert 'name="revision" value="1"' in first.get(url).text
    assert 'name="revision" value="1"' in second.get(url).text
    assert enter(first, url, revision="1", **{"enrolled__total__value": "130"}).status_code == 302
    response = enter(second, url, revision="1", **{"enrolled__total__value": "99"})
    assert response.status_code == 409
    assert "Someone else saved this report since you opened the page" in response.text
    assert 'value="99"' in response.text  # what was typed is kept
    assert 'name="revision" value="2"' in response.text  # saving again goes through
    value = DataValue.objects.get(indicator__code="enrolled", category=None)
    assert value.value == 130
    again = enter(second, url, revision="2", **{"enrolled__total__value": "99"})
    assert again.status_code == 302
    value.refresh_from_db()
    assert value.value == 99


def test_fields_missing_from_a_post_keep_their_stored_values(world):
    client = world.client(world.member_a)
    url = report_url(world)
    assert enter(client, url, **{"enrolled__note": "A new site opened."}).status_code == 302
    response = client.post(url, {"grad-rate__total__numerator": "81", "save": "1"})
    assert response.status_code in (302, 400)
    enrolled = DataValue.objects.get(indicator__code="enrolled", category=None)
    assert enrolled.value == 120 and enrolled.note == "A new site opened."


@pytest.mark.parametrize("typed", ["1,5", "1,2,3", "12,34", "1,5000"])
def test_a_decimal_comma_is_refused_not_misread(world, typed):
    response = enter(
        world.client(world.member_a), report_url(world), **{"grad-rate__total__numerator": typed}
    )
    assert response.status_code == 400
    assert "Use a point for decimals" in response.text
    assert not DataValue.objects.exists()


def test_thousands_separators_are_read(world):
    assert (
        enter(
            world.client(world.member_a), report_url(world), **{"enrolled__total__value": "1,200"}
        ).status_code
        == 302
    )
    assert DataValue.objects.get(indicator__code="enrolled", category=None).value == 1200


def test_a_save_from_a_page_opened_before_the_first_save_is_refused(world):
    first, second = world.client(world.member_a), world.client(world.lead_a)
    url = report_url(world)
    assert 'name="revision" value="0"' in second.get(url).text
    assert enter(first, url, revision="0").status_code == 302
    response = enter(second, url, revision="0", **{"enrolled__total__value": "99"})
    assert response.status_code == 409


def test_a_save_in_place_to_a_report_locked_meanwhile_reloads_the_page(world):
    """The lead submitted while a member had the page open: the member's Save draft (htmx)
    answers HX-Refresh, so the read-only page loads whole with its message."""
    assert enter(world.client(world.lead_a), report_url(world), submit=True).status_code == 302
    response = world.client(world.member_a).post(
        report_url(world),
        {"enrolled__total__value": "5", "save": "1"},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Refresh"] == "true"
    assert DataValue.objects.get(indicator__code="enrolled", category=None).value == 120
