"""Continuous communication: updates and comments, meetings with decisions and action items,
notifications, emails (notifications, the weekly digest, reminders) and unsubscribing."""

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.signing import TimestampSigner
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communication import emails, tasks
from communication.actions import add_comment, create_post, notify
from communication.models import (
    ActionItem,
    Comment,
    Decision,
    EmailPreference,
    Meeting,
    Notification,
    Post,
    ReminderSchedule,
    ReminderSent,
)
from network.models import LeadTerm, WorkingGroup
from partners.models import Role
from tests.conftest import empty_the_cache
from tests.factories import OrganizationFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(world):
    """A working group led by org A's lead, with org A's member in it."""
    group = WorkingGroup.objects.create(slug="stem", name="STEM pathways")
    group.members.set([world.lead_a, world.member_a])
    LeadTerm.objects.create(group=group, lead=world.lead_a, start=date(2024, 1, 1))
    return group


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run after-commit work (the Celery tasks, eagerly) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def aware(*args):
    return timezone.make_aware(datetime(*args))


def meeting_data(**overrides):
    """A valid meeting form: one decision and one action item, owner chosen by the caller."""
    data = {
        "title": "Steering committee",
        "working_group": "",
        "starts_at": "2025-03-04T10:00",
        "location": "Durham Tech, room 12",
        "agenda": "1. Reports\n2. **Summer** programme",
        "minutes": "We agreed the summer programme.",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "1000",
        "decisions-0-text": "Run a summer bridge programme",
        "actions-TOTAL_FORMS": "2",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-text": "Draft the bridge budget",
        "actions-0-owner": "",
        "actions-0-due": "2025-03-20",
        "actions-1-text": "",
        "actions-1-owner": "",
        "actions-1-due": "",
    }
    data.update(overrides)
    return data


# Updates and comments ---------------------------------------------------------------------


def test_partner_posts_in_their_organizations_name_and_it_is_in_the_feed(world):
    client = world.client(world.member_a)
    page = client.get(reverse("post_create"))
    assert page.status_code == 200
    assert "Durham Tech" in page.content.decode()
    response = client.post(
        reverse("post_create"),
        {
            "posting_as": f"org:{world.org_a.pk}",
            "title": "Open house",
            "body": "Come **on Friday**. <script>alert(1)</script> [x](javascript:alert(2))",
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("post_detail", args=[post.pk])
    assert post.organization == world.org_a and post.working_group is None
    assert post.author == world.member_a

    feed = world.client(world.funder).get(reverse("updates")).content.decode()
    assert "Open house" in feed
    assert "<strong>on Friday</strong>" in feed
    assert "&lt;script&gt;alert(1)" in feed and "<script>alert" not in feed
    assert 'href="javascript:' not in feed


def test_feed_filters_by_organization_and_working_group(world, group):
    create_post(author=world.lead_a, title="From A", body="a", organization=world.org_a)
    create_post(author=world.lead_b, title="From B", body="b", organization=world.org_b)
    create_post(author=world.lead_a, title="From the group", body="g", working_group=group)
    client = world.client(world.backbone)

    def titles(query):
        html = client.get(reverse("updates") + query).content.decode()
        return {t for t in ("From A", "From B", "From the group") if t in html}

    assert titles("") == {"From A", "From B", "From the group"}
    assert titles(f"?organization={world.org_b.slug}") == {"From B"}
    assert titles("?working_group=stem") == {"From the group"}
    assert titles(f"?organization={world.funder_org.slug}") == set()  # no posts: none shown
    # htmx asks for the feed alone.
    fragment = client.get(reverse("updates") + "?organization=dps", headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "From B" in fragment.content.decode()


def test_posting_in_a_name_that_is_not_yours_is_refused(world, group):
    client = world.client(world.lead_b)
    for name in (f"org:{world.org_a.pk}", f"group:{group.pk}"):
        response = client.post(
            reverse("post_create"), {"posting_as": name, "title": "T", "body": "B"}
        )
        assert response.status_code == 400
    assert not Post.objects.exists()


def test_working_group_post_notifies_the_other_members_by_email(world, group, on_commit):
    with on_commit():
        response = world.client(world.lead_a).post(
            reverse("post_create"),
            {"posting_as": f"group:{group.pk}", "title": "Kick-off", "body": "We **start**."},
        )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.working_group == group and post.organization is None
    # The member is notified; the author is not.
    assert list(Notification.objects.values_list("user__email", flat=True)) == [
        world.member_a.email
    ]
    [message] = mail.outbox
    assert message.to == [world.member_a.email]
    assert "Kick-off" in message.subject
    assert_complete_email(message, "updates")


def test_funder_reads_updates_but_may_not_post_or_comment(world):
    post = create_post(author=world.lead_a, title="News", body="x", organization=world.org_a)
    client = world.client(world.funder)
    assert client.get(reverse("updates")).status_code == 200
    page = client.get(reverse("post_detail", args=[post.pk]))
    assert page.status_code == 200
    assert "Add comment" not in page.content.decode()
    assert "Post an update" not in client.get(reverse("updates")).content.decode()
    assert client.get(reverse("post_create")).status_code == 403
    assert client.post(reverse("comment_create", args=[post.pk]), {"body": "Hi"}).status_code == 403
    assert not Comment.objects.exists()


def test_comment_without_javascript_reloads_the_page_and_notifies_the_author(world, on_commit):
    post = create_post(author=world.lead_a, title="News", body="x", organization=world.org_a)
    with on_commit():
        response = world.client(world.lead_b).post(
            reverse("comment_create", args=[post.pk]), {"body": "Congratulations!"}
        )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("post_detail", args=[post.pk]) + f"#comment-{comment.pk}"
    notification = Notification.objects.get()
    assert notification.user == world.lead_a
    assert "commented on your update" in notification.text
    [message] = mail.outbox
    assert message.to == [world.lead_a.email]
    page = world.client(world.lead_a).get(reverse("post_detail", args=[post.pk]))
    assert "Congratulations!" in page.content.decode()


def test_comment_with_htmx_returns_the_comments_only(world):
    post = create_post(author=world.lead_a, title="News", body="x", organization=world.org_a)
    client = world.client(world.member_a)
    response = client.post(
        reverse("comment_create", args=[post.pk]),
        {"body": "Me too"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="comments"' in html and "Me too" in html
    assert "Your comment was added." in html
    # Commenting on your own post notifies nobody.
    add_comment(post, author=world.lead_a, body="Thanks")
    assert Notification.objects.filter(user=world.lead_a).count() == 1


def test_empty_comment_shows_the_error_beside_the_field(world):
    post = create_post(author=world.lead_a, title="News", body="x", organization=world.org_a)
    client = world.client(world.member_a)
    response = client.post(reverse("comment_create", args=[post.pk]), {"body": ""})
    assert response.status_code == 400
    assert "Write a comment before sending it." in response.content.decode()
    htmx = client.post(
        reverse("comment_create", args=[post.pk]), {"body": " "}, headers={"HX-Request": "true"}
    )
    assert htmx.status_code == 200 and "Write a comment before sending it." in htmx.content.decode()
    assert not Comment.objects.exists()


# Meetings, decisions, action items ----------------------------------------------------------


def test_backbone_creates_a_meeting_with_decisions_and_an_action_item(world, on_commit):
    client = world.client(world.backbone)
    assert client.get(reverse("meeting_create")).status_code == 200
    with on_commit():
        response = client.post(
            reverse("meeting_create"), meeting_data(**{"actions-0-owner": world.member_a.pk})
        )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("meeting_detail", args=[meeting.pk])
    assert meeting.created_by == world.backbone
    assert meeting.working_group is None
    assert [d.text for d in meeting.decisions.all()] == ["Run a summer bridge programme"]
    item = ActionItem.objects.get()
    assert (item.meeting, item.owner, item.due) == (meeting, world.member_a, date(2025, 3, 20))
    assert item.done_at is None
    # The owner is told, in the app and by email.
    notification = Notification.objects.get(user=world.member_a)
    assert "Draft the bridge budget" in notification.text
    assert notification.url == reverse("my_actions")
    [message] = mail.outbox
    assert message.to == [world.member_a.email]
    assert_complete_email(message, "meetings")

    page = world.client(world.funder).get(reverse("meeting_detail", args=[meeting.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<strong>Summer</strong>" in html and "Run a summer bridge programme" in html
    assert "Draft the bridge budget" in html and "Mark done" not in html


def test_action_item_without_an_owner_saves_nothing_and_says_so_beside_the_field(world):
    response = world.client(world.backbone).post(reverse("meeting_create"), meeting_data())
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved." in html
    assert "Choose who owns this action: every action needs an owner." in html
    # The error sits with the owner field, which is marked invalid and described by it.
    assert (
        '<ul class="errorlist" id="id_actions-0-owner_error"><li>Choose who owns this action'
        in html
    )
    assert 'aria-invalid="true" aria-describedby="id_actions-0-owner_error"' in html
    assert not Meeting.objects.exists()
    assert not Decision.objects.exists() and not ActionItem.objects.exists()


def test_blank_extra_action_rows_are_skipped(world):
    data = meeting_data(**{"actions-0-text": "", "actions-0-due": ""})
    response = world.client(world.backbone).post(reverse("meeting_create"), data)
    assert response.status_code == 302
    assert Meeting.objects.count() == 1 and not ActionItem.objects.exists()


def test_working_group_lead_holds_meetings_for_their_group_only(world, group):
    other = WorkingGroup.objects.create(slug="health", name="Health careers")
    lead = world.client(world.lead_a)
    page = lead.get(reverse("meeting_create"))
    assert page.status_code == 200
    assert (
        "STEM pathways" in page.content.decode() and "Health careers" not in page.content.decode()
    )
    # Not for another group, and not for the whole partnership.
    owner = {"actions-0-owner": world.member_a.pk}
    refused = lead.post(reverse("meeting_create"), meeting_data(working_group=other.pk, **owner))
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()
    response = lead.post(reverse("meeting_create"), meeting_data(**owner))
    assert response.status_code == 400
    assert "Choose the working group you lead." in response.content.decode()
    response = lead.post(
        reverse("meeting_create"),
        meeting_data(working_group=group.pk, **{"actions-0-owner": world.member_a.pk}),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.working_group == group
    # The lead edits it, with its action item; others do not.
    edit = reverse("meeting_edit", args=[meeting.pk])
    assert lead.get(edit).status_code == 200
    assert world.client(world.member_a).get(edit).status_code == 403
    assert world.client(world.lead_b).get(edit).status_code == 403
    assert world.client(world.backbone).get(edit).status_code == 200
    # Members who lead no group create no meetings.
    assert world.client(world.member_a).get(reverse("meeting_create")).status_code == 403
    # When the lead's term ends, so does the right to edit.
    LeadTerm.objects.filter(group=group).update(end=date(2025, 1, 1))
    assert lead.get(edit).status_code == 403


def test_editing_a_meeting_keeps_its_items_and_notifies_a_new_owner(world, on_commit):
    client = world.client(world.backbone)
    client.post(reverse("meeting_create"), meeting_data(**{"actions-0-owner": world.member_a.pk}))
    meeting = Meeting.objects.get()
    item = ActionItem.objects.get()
    decision = Decision.objects.get()
    Notification.objects.all().delete()
    data = meeting_data(
        **{
            "minutes": "Minutes written up.",
            "decisions-INITIAL_FORMS": "1",
            "decisions-0-id": decision.pk,
            "decisions-0-meeting": meeting.pk,
            "actions-INITIAL_FORMS": "1",
            "actions-0-id": item.pk,
            "actions-0-meeting": meeting.pk,
            "actions-0-owner": world.lead_b.pk,
            "actions-0-done": "on",
        }
    )
    with on_commit():
        response = client.post(reverse("meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 302, response.content.decode()
    item.refresh_from_db()
    meeting.refresh_from_db()
    assert meeting.minutes == "Minutes written up."
    assert item.owner == world.lead_b and item.done_at is not None
    assert ActionItem.objects.count() == 1 and Decision.objects.count() == 1
    assert list(Notification.objects.values_list("user", flat=True)) == [world.lead_b.pk]


def make_action(world, owner, **kwargs):
    meeting = Meeting.objects.create(
        title="Steering", starts_at=aware(2025, 3, 4, 10), created_by=world.backbone
    )
    return ActionItem.objects.create(
        meeting=meeting, text="Call employers", owner=owner, due=date(2025, 3, 20), **kwargs
    )


def test_owner_or_backbone_marks_an_action_done(world):
    item = make_action(world, world.member_a)
    url = reverse("action_done", args=[item.pk])
    assert world.client(world.lead_b).post(url).status_code == 403
    assert world.client(world.funder).post(url).status_code == 403
    item.refresh_from_db()
    assert item.done_at is None
    owner = world.client(world.member_a)
    mine = owner.get(reverse("my_actions")).content.decode()
    assert "Call employers" in mine and "Mark done" in mine
    response = owner.post(url, {"next": reverse("my_actions")})
    assert response.status_code == 302 and response.url == reverse("my_actions")
    item.refresh_from_db()
    assert item.done_at is not None
    # Backbone staff open it again.
    response = world.client(world.backbone).post(url, {"done": "0", "next": "https://evil.example"})
    assert response.url == reverse("meeting_detail", args=[item.meeting_id])
    item.refresh_from_db()
    assert item.done_at is None


def test_notifications_page_counts_open_actions_and_marks_read(world):
    make_action(world, world.member_a)
    first, _second = notify([world.member_a, world.member_a], "Hello", "/updates/", "updates")
    [theirs] = notify([world.lead_b], "Not yours", "", "updates")
    client = world.client(world.member_a)
    page = client.get(reverse("notifications")).content.decode()
    assert "You have 1 open action item." in page
    assert "Hello" in page and "Not yours" not in page
    assert '<span class="count">2<' in page  # the header's unread count
    assert client.post(reverse("notification_read", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("notification_read", args=[first.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'hx-swap-oob="true"' in html and '<span class="count">1<' in html
    first.refresh_from_db()
    assert first.read_at is not None
    assert client.post(reverse("notifications_read_all")).status_code == 302
    assert not Notification.objects.filter(user=world.member_a, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_funder_manages_their_own_notifications_and_email(world):
    [notification] = notify([world.funder], "Hello", "", "updates")
    client = world.client(world.funder)
    assert client.post(reverse("notification_read", args=[notification.pk])).status_code == 302
    response = client.post(reverse("email_preferences"), {"updates": "on"})
    assert response.status_code == 302
    preference = EmailPreference.objects.get(user=world.funder)
    assert preference.updates and not preference.weekly_digest


# Email ------------------------------------------------------------------------------------


def assert_complete_email(message, purpose):
    """A text and an HTML part, the unsubscribe link in both and in the RFC 8058 headers."""
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith(settings.SITE_URL + "/email/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body and link in html
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert emails.read_unsubscribe_token(token)[1] == purpose
    headers = message.message()
    assert headers["List-Unsubscribe"] == f"<{link}>"
    return link


def test_notification_emails_respect_preferences(world, on_commit):
    EmailPreference.objects.create(user=world.member_a, updates=False)
    with on_commit():
        notify([world.member_a, world.lead_a], "News", "/updates/", "updates")
        notify([world.member_a], "An action", "/meetings/actions/", "meetings")
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        (world.lead_a.email, "News"),
        (world.member_a.email, "An action"),
    ]
    # Both are in the app all the same.
    assert Notification.objects.filter(user=world.member_a).count() == 2


def test_notification_email_task_sends_nothing_twice(world, on_commit):
    with on_commit():
        [notification] = notify([world.member_a], "News", "/updates/", "updates")
    assert len(mail.outbox) == 1
    tasks.email_notifications([notification.pk], "updates")
    assert len(mail.outbox) == 1


def test_unsubscribe_link_confirms_then_unsubscribes(world):
    token = emails.unsubscribe_token(world.member_a, "weekly_digest")
    url = reverse("email_unsubscribe", args=[token])
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop emailing member.a@example.org about the weekly digest?" in page.content.decode()
    assert not EmailPreference.objects.exists()  # a GET changes nothing
    # RFC 8058 one-click: a POST with no session and no CSRF token.
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    preference = EmailPreference.objects.get(user=world.member_a)
    assert not preference.weekly_digest
    assert preference.updates and preference.meetings and preference.reminders


def test_forged_token_is_refused_and_changes_nothing(world):
    good = emails.unsubscribe_token(world.member_a, "updates")
    forged = [
        good[:-2] + ("AA" if not good.endswith("AA") else "BB"),  # altered signature
        good.replace(f"updates-{world.member_a.pk}", f"updates-{world.lead_a.pk}"),  # other user
        "reminders" + good[len("updates") :],  # another purpose, with this purpose's signature
        TimestampSigner(salt="something-else").sign(f"updates-{world.member_a.pk}"),
        "nonsense",
    ]
    client = world.client(None)
    for token in forged:
        for method in (client.get, client.post):
            response = method(reverse("email_unsubscribe", args=[token]))
            assert response.status_code == 400, token
            assert "This link is not valid" in response.content.decode()
    assert not EmailPreference.objects.exists()


def test_expired_token_is_refused_with_410_and_changes_nothing(world):
    sixty_one_days_ago = timezone.now().timestamp() - 61 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=sixty_one_days_ago):
        token = emails.unsubscribe_token(world.member_a, "updates")
    response = world.client(world.member_a).post(reverse("email_unsubscribe", args=[token]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert not EmailPreference.objects.exists()
    # 59 days old still works.
    fifty_nine_days_ago = timezone.now().timestamp() - 59 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=fifty_nine_days_ago):
        token = emails.unsubscribe_token(world.member_a, "updates")
    assert world.client(None).post(reverse("email_unsubscribe", args=[token])).status_code == 200
    assert not EmailPreference.objects.get(user=world.member_a).updates


def test_email_preferences_page(world):
    client = world.client(world.member_a)
    page = client.get(reverse("email_preferences"))
    assert page.status_code == 200 and "Weekly digest" in page.content.decode()
    response = client.post(reverse("email_preferences"), {"meetings": "on", "reminders": "on"})
    assert response.status_code == 302
    preference = EmailPreference.objects.get(user=world.member_a)
    assert (preference.updates, preference.meetings, preference.reminders) == (False, True, True)
    assert not preference.weekly_digest


# The weekly digest ------------------------------------------------------------------------

MONDAY = date(2025, 3, 10)  # the run; its week is Monday 3 to Sunday 9 March


def week_world(world):
    """Updates and meetings just inside and just outside the week before MONDAY."""

    def post(title, when):
        p = create_post(author=world.lead_a, title=title, body="Body", organization=world.org_a)
        Post.objects.filter(pk=p.pk).update(created_at=when)

    post("Too early post", aware(2025, 3, 2, 23, 59))
    post("First-minute post", aware(2025, 3, 3, 0, 0))
    post("Last-minute post", aware(2025, 3, 9, 23, 59))
    post("Too late post", aware(2025, 3, 10, 0, 0))

    def meeting(title, when, decision):
        m = Meeting.objects.create(title=title, starts_at=when, created_by=world.backbone)
        Decision.objects.create(meeting=m, text=decision)
        return m

    meeting("Earlier meeting", aware(2025, 3, 2, 18), "Earlier decision")
    inside = meeting("Week meeting", aware(2025, 3, 5, 10), "Week decision")
    meeting("Later meeting", aware(2025, 3, 10, 9), "Later decision")
    ActionItem.objects.create(
        meeting=inside, text="Open action", owner=world.member_a, due=date(2025, 3, 20)
    )
    ActionItem.objects.create(
        meeting=inside,
        text="Finished action",
        owner=world.member_a,
        due=date(2025, 3, 6),
        done_at=aware(2025, 3, 7, 9),
    )


def email_to(email):
    [message] = [m for m in mail.outbox if m.to == [email]]
    return message


def test_week_before_is_the_seven_days_before_the_run():
    start, end = emails.week_before(MONDAY)
    assert (start, end) == (aware(2025, 3, 3), aware(2025, 3, 10))


def test_weekly_digest_holds_exactly_the_week_before_the_run(world):
    week_world(world)
    EmailPreference.objects.create(user=world.lead_b, weekly_digest=False)
    sent = tasks.send_weekly_digest(MONDAY.isoformat())
    recipients = sorted(m.to[0] for m in mail.outbox)
    # Everyone with a role who wants it (funders read updates too); not lead B.
    assert recipients == sorted(
        u.email for u in (world.backbone, world.lead_a, world.member_a, world.funder)
    )
    assert sent == 4
    message = email_to(world.member_a.email)
    assert_complete_email(message, "weekly_digest")
    html = message.alternatives[0][0]
    for part in (message.body, html):
        for expected in (
            "First-minute post",
            "Last-minute post",
            "Week meeting",
            "Week decision",
            "Open action",
            "Durham Tech, 2024",  # the 2024 report, overdue since 30 January 2025
        ):
            assert expected in part, expected
        for unexpected in (
            "Too early post",
            "Too late post",
            "Earlier meeting",
            "Later meeting",
            "Earlier decision",
            "Later decision",
            "Finished action",
        ):
            assert unexpected not in part, unexpected
    assert "3 March 2025" in message.body and "9 March 2025" in message.body
    # The funder gets the week's news, and no reports or actions.
    funder = email_to(world.funder.email)
    assert "Week meeting" in funder.body and "Durham Tech, 2024" not in funder.body
    # A second run for the same week sends nothing again.
    assert tasks.send_weekly_digest(MONDAY.isoformat()) == 0
    assert len(mail.outbox) == 4


def test_an_empty_week_sends_digests_only_to_those_with_something_to_do(world):
    tasks.send_weekly_digest(MONDAY.isoformat())
    # Partners still have reports due; backbone staff and funders have nothing.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in (world.lead_a, world.member_a, world.lead_b)
    )


def test_digest_queries_do_not_grow_with_people(world):
    week_world(world)
    with CaptureQueriesContext(connection) as small:
        emails.build_digest(MONDAY, list(emails.digest_recipients()))
    for n in range(5):
        person(f"extra{n}@example.org", OrganizationFactory(name=f"Extra {n}"), Role.LEAD)
    with CaptureQueriesContext(connection) as large:
        emails.build_digest(MONDAY, list(emails.digest_recipients()))
    assert len(large) == len(small)


def test_beat_runs_the_digest_on_monday_morning_and_the_reminders_daily():
    schedule = settings.CELERY_BEAT_SCHEDULE
    digest = schedule["weekly-digest"]
    assert digest["task"] == "communication.tasks.send_weekly_digest"
    assert digest["schedule"].day_of_week == {1}
    assert digest["schedule"].hour == {7} and digest["schedule"].minute == {0}
    reminders = schedule["daily-report-reminders"]
    assert reminders["task"] == "communication.tasks.send_report_reminders"
    assert len(reminders["schedule"].day_of_week) == 7


# Reminders of reports due -----------------------------------------------------------------

# The 2024 reports of org A and org B are due 30 January 2025 (a 30-day grace period).
DUE = date(2025, 1, 30)


def reminder_emails():
    return sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox)


def test_reminders_go_to_leads_and_members_once_per_rule(world, on_commit):
    ReminderSchedule.objects.create(days_before_due=7, days_overdue=7, enabled=True)
    EmailPreference.objects.create(user=world.lead_b, reminders=False)
    # Too early: nothing.
    with on_commit():
        assert tasks.send_report_reminders((DUE - timedelta(days=8)).isoformat()) == 0
    with on_commit():
        assert tasks.send_report_reminders((DUE - timedelta(days=7)).isoformat()) == 2
    # Org A's lead and member; org B's lead asked for no reminder emails.
    assert reminder_emails() == [
        (world.lead_a.email, "Reminder"),
        (world.member_a.email, "Reminder"),
    ]
    message = email_to(world.member_a.email)
    assert "Durham Tech's report for 2024 is due on 30 January 2025" in message.body
    assert settings.SITE_URL + reverse("report", args=["durham-tech", "2024"]) in message.body
    assert_complete_email(message, "reminders")
    # In the app all three are reminded.
    assert Notification.objects.filter(user=world.lead_b).count() == 1
    # Idempotent: again the same day, or a later day before it is due: nothing more.
    with on_commit():
        assert tasks.send_report_reminders((DUE - timedelta(days=7)).isoformat()) == 0
        assert tasks.send_report_reminders(DUE.isoformat()) == 0
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2
    # Late: a reminder the day after, then one every 7 days.
    mail.outbox.clear()
    with on_commit():
        assert tasks.send_report_reminders((DUE + timedelta(days=1)).isoformat()) == 2
        assert tasks.send_report_reminders((DUE + timedelta(days=1)).isoformat()) == 0
        assert tasks.send_report_reminders((DUE + timedelta(days=7)).isoformat()) == 0
    assert {s for _e, s in reminder_emails()} == {"Overdue"}
    assert len(mail.outbox) == 2
    with on_commit():
        assert tasks.send_report_reminders((DUE + timedelta(days=8)).isoformat()) == 2
    assert sorted(ReminderSent.objects.values_list("organization__slug", "kind")) == [
        ("dps", "due"),
        ("dps", "overdue-1"),
        ("dps", "overdue-2"),
        ("durham-tech", "due"),
        ("durham-tech", "overdue-1"),
        ("durham-tech", "overdue-2"),
    ]


def test_reminders_skip_submitted_reports_and_stop_when_switched_off(world):
    from measures.models import Submission, SubmissionStatus

    Submission.objects.create(
        organization=world.org_a,
        period_type="year",
        period_start=date(2024, 1, 1),
        status=SubmissionStatus.SUBMITTED,
    )
    schedule = ReminderSchedule.load()
    assert tasks.send_report_reminders(DUE.isoformat()) == 1  # org B only
    assert list(ReminderSent.objects.values_list("organization", flat=True)) == [world.org_b.pk]
    schedule.enabled = False
    schedule.save()
    assert tasks.send_report_reminders((DUE + timedelta(days=1)).isoformat()) == 0


def test_reminder_schedule_page(world):
    client = world.client(world.backbone)
    assert client.get(reverse("reminders")).status_code == 200
    response = client.post(
        reverse("reminders"), {"enabled": "on", "days_before_due": "3", "days_overdue": "0"}
    )
    assert response.status_code == 400
    assert "greater than or equal to 1" in response.content.decode()
    response = client.post(
        reverse("reminders"), {"enabled": "on", "days_before_due": "3", "days_overdue": "14"}
    )
    assert response.status_code == 302
    schedule = ReminderSchedule.load()
    assert (schedule.enabled, schedule.days_before_due, schedule.days_overdue) == (True, 3, 14)
    assert ReminderSchedule.objects.count() == 1
    assert world.client(world.lead_a).get(reverse("reminders")).status_code == 403


# Query counts -----------------------------------------------------------------------------


def count_queries(client, url, headers=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def add_content(world, group, n):
    for i in range(n):
        post = create_post(
            author=world.lead_a, title=f"Post {i}", body="*x*", organization=world.org_a
        )
        create_post(author=world.member_a, title=f"Group {i}", body="y", working_group=group)
        add_comment(post, author=world.lead_b, body="Nice")
        item = make_action(world, world.member_a)
        Decision.objects.create(meeting=item.meeting, text=f"Decision {i}")
        notify([world.member_a], f"Note {i}", "/updates/", "updates")


@pytest.mark.parametrize(
    ("name", "headers"),
    [
        ("updates", None),
        ("updates", {"HX-Request": "true"}),
        ("meeting_list", None),
        ("my_actions", None),
        ("notifications", None),
        ("notifications", {"HX-Request": "true"}),
    ],
)
def test_list_pages_make_as_many_queries_however_much_there_is(world, group, name, headers):
    client = world.client(world.member_a)
    add_content(world, group, 1)
    small, _ = count_queries(client, reverse(name), headers)
    add_content(world, group, 6)
    large, sql = count_queries(client, reverse(name), headers)
    assert large == small, "\n".join(sql)


def test_detail_pages_make_as_many_queries_however_much_there_is(world, group):
    client = world.client(world.backbone)
    post = create_post(author=world.lead_a, title="News", body="x", organization=world.org_a)
    item = make_action(world, world.member_a)
    add_comment(post, author=world.lead_b, body="One")
    small_post, _ = count_queries(client, reverse("post_detail", args=[post.pk]))
    small_meeting, _ = count_queries(client, reverse("meeting_detail", args=[item.meeting_id]))
    small_form, _ = count_queries(client, reverse("meeting_edit", args=[item.meeting_id]))
    for i in range(5):
        add_comment(post, author=world.member_a, body=f"More {i}")
        ActionItem.objects.create(
            meeting=item.meeting, text=f"A{i}", owner=world.lead_b, due=date(2025, 4, 1)
        )
        Decision.objects.create(meeting=item.meeting, text=f"D{i}")
    large_post, sql = count_queries(client, reverse("post_detail", args=[post.pk]))
    assert large_post == small_post, "\n".join(sql)
    large_meeting, sql = count_queries(client, reverse("meeting_detail", args=[item.meeting_id]))
    assert large_meeting == small_meeting, "\n".join(sql)
    large_form, sql = count_queries(client, reverse("meeting_edit", args=[item.meeting_id]))
    assert large_form == small_form, "\n".join(sql)


def test_header_unread_count_is_one_count_query(world):
    notify([world.member_a], "Hello", "", "updates")
    client = world.client(world.member_a)
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("updates"))
    counts = [q["sql"] for q in ctx.captured_queries if "agenda_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT(" in counts[0]


def test_emails_already_sent_are_not_sent_again_after_a_cache_flush(world, mailoutbox):

    from communication import emails
    from communication.models import SentEmail

    [notification] = notify([world.member_a], "News", "/updates/", "updates")
    mailoutbox.clear()
    assert emails.send_notification_emails([notification.pk], "updates") == 1
    empty_the_cache()
    assert emails.send_notification_emails([notification.pk], "updates") == 0
    assert len(mailoutbox) == 1
    assert SentEmail.objects.filter(key__contains=f"notification:{notification.pk}").exists()
