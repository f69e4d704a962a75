"""Writes for continuous communication: updates and comments, meetings with their decisions
and action items, and in-app notifications. Views, tasks and tests all call these.

A notification is emailed after the transaction commits, by a Celery task that gets the
notifications' ids and what kind of news they are ("updates", "meetings" or "reminders",
the names of the ``EmailPreference`` fields that allow them).
"""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common import outbox
from communication import emails, tasks, unread
from communication.models import (
    ActionItem,
    Comment,
    Meeting,
    Notification,
    Post,
    ReminderSent,
)
from communication.notifications import (
    MEETINGS,
    REMINDERS,
    UPDATES,
    Text,
    create_notifications,
)
from network.models import WorkingGroup
from partners.models import Organization, User


def notify(users: Iterable[User], text: Text, url: str, kind: str) -> list[Notification]:
    """One notification for each person, emailed after commit to those whose preferences
    allow this kind of news."""
    notifications = create_notifications(users, text, url, kind)
    if notifications:
        outbox.enqueue(tasks.email_notifications, [n.pk for n in notifications], kind)
    return notifications


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark some (or, with no ids, all) of this person's unread notifications read."""
    marked = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        marked = marked.filter(pk__in=list(notification_ids))
    unread.forget(user)
    return marked.update(read_at=timezone.now())


# Updates and comments ---------------------------------------------------------------------


@transaction.atomic
def create_post(
    *,
    author: User,
    title: str,
    body: str,
    organization: Organization | None = None,
    working_group: WorkingGroup | None = None,
) -> Post:
    """An update in the name of an organization or a working group. The group's other
    members are notified."""
    if (organization is None) == (working_group is None):
        raise ValueError("A post is in the name of one organization or one working group.")
    post = Post.objects.create(
        author=author,
        title=title,
        body=body,
        organization=organization,
        working_group=working_group,
    )
    if working_group is not None:
        members = working_group.members.exclude(pk=author.pk)
        notify(
            members,
            lambda: (
                _("New update in %(group)s: %(title)s")
                % {"group": working_group.name, "title": title}
            ),
            reverse("post_detail", args=[post.pk]),
            UPDATES,
        )
    return post


@transaction.atomic
def add_comment(post: Post, *, author: User, body: str) -> Comment:
    """A comment on an update; its author is notified (unless they wrote the comment)."""
    comment = Comment.objects.create(post=post, author=author, body=body)
    if post.author_id != author.pk:
        notify(
            [post.author],
            lambda: (
                _("%(name)s commented on your update “%(title)s”")
                % {"name": author.get_full_name(), "title": post.title}
            ),
            reverse("post_detail", args=[post.pk]) + f"#comment-{comment.pk}",
            UPDATES,
        )
    return comment


# Meetings, decisions and action items -----------------------------------------------------


def _notify_owners(meeting: Meeting, items: Iterable[ActionItem], by: User) -> None:
    for item in items:
        if item.owner_id != by.pk:
            notify(
                [item.owner],
                lambda item=item: (
                    _("You own an action from “%(meeting)s”: %(text)s (due %(due)s)")
                    % {
                        "meeting": meeting.title,
                        "text": item.text,
                        "due": date_format(item.due, "DATE_FORMAT"),
                    }
                ),
                reverse("my_actions"),
                MEETINGS,
            )


@transaction.atomic
def save_meeting(form, decisions, actions, by: User) -> Meeting:
    """Save a meeting with its decisions and action items (all checked beforehand: either
    everything is saved or nothing is). Whoever is made the owner of an action is notified."""
    meeting = form.save(commit=False)
    if meeting.pk is None:
        meeting.created_by = by
    meeting.save()
    decisions.instance = meeting
    decisions.save()
    actions.instance = meeting
    newly_owned = [
        f.instance
        for f in actions.forms
        if f.has_changed() and "owner" in f.changed_data and not f.cleaned_data.get("DELETE")
    ]
    actions.save()
    _notify_owners(meeting, newly_owned, by)
    return meeting


def set_action_done(item: ActionItem, done: bool = True) -> ActionItem:
    """Mark an action done (keeping when it was first done), or open again."""
    if done and item.done_at is None:
        item.done_at = timezone.now()
    elif not done:
        item.done_at = None
    item.save(update_fields=["done_at"])
    return item


@transaction.atomic
def save_settings(form):
    """A person's email preferences, or the backbone's reminder schedule."""
    return form.save()


# Reminders sent now, by backbone staff ---------------------------------------------------


def send_reminders_now(today: date) -> int:
    """Send every reminder of ``emails.reminders_now``: a notification each, emailed (after
    commit) as each person's preferences allow. Recorded like the scheduled ones (ReminderSent, kind
    "now" and the day), so sending twice on one day sends nothing the second time. Returns
    the number of reports reminded of."""
    kind = f"now{today:%y%m%d}"
    sent = 0
    for reminder in emails.reminders_now(today):
        report = reminder.report
        if not reminder.people:
            continue
        with transaction.atomic():
            _record, created = ReminderSent.objects.get_or_create(
                organization=report.organization, period_key=report.period.key, kind=kind
            )
            if not created:
                continue
            notify(
                reminder.people,
                reminder.write,
                reverse("report", args=[report.organization.slug, report.period.key]),
                REMINDERS,
            )
        sent += 1
    return sent
