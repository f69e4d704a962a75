"""Email: notifications, the weekly digest and reminders of reports due, each with a text and
an HTML part and a one-click unsubscribe link (RFC 8058) carrying a signed token.

An unsubscribe token is ``<purpose>-<user id>`` signed by a ``TimestampSigner`` whose salt
names the purpose (the ``EmailPreference`` field it turns off), so a token for the digest
cannot turn off reminders. It works for ``TOKEN_MAX_AGE``.

Tasks (communication/tasks.py) call the ``send_*`` functions with ids and dates, never objects.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.languages import language_of
from communication.models import (
    ActionItem,
    Decision,
    EmailPreference,
    Meeting,
    Notification,
    Post,
    ReminderSchedule,
    ReminderSent,
    SentEmail,
)
from communication.notifications import REMINDERS, REPORTS, Text, create_notifications
from measures.models import Indicator
from measures.reporting import DueReport, reports_due
from partners.models import Membership, Role, User

log = logging.getLogger(__name__)

# What each kind of email is, by the EmailPreference field that allows it.
PURPOSES = {
    "updates": gettext_lazy("new updates and comments"),
    "meetings": gettext_lazy("meetings and action items"),
    "reminders": gettext_lazy("reminders of reports due"),
    "reports": gettext_lazy("reports submitted, returned, approved or reopened"),
    "weekly_digest": gettext_lazy("the weekly digest"),
}
TOKEN_MAX_AGE = timedelta(days=60)
# How long a sent email is remembered, so a task run twice does not send it twice.
# A reminder's kind is stored in ReminderSent.kind (10 characters): "overdue-99" at most.
MAX_OVERDUE_STEP = 99


# Unsubscribe tokens -----------------------------------------------------------------------


class BadToken(Exception):
    """Forged, altered or naming no one: refused with 400."""


class ExpiredToken(Exception):
    """Genuine but older than TOKEN_MAX_AGE: refused with 410."""


def _signer(purpose: str) -> TimestampSigner:
    return TimestampSigner(salt=f"communication.emails.unsubscribe.{purpose}")


def unsubscribe_token(user: User, purpose: str) -> str:
    if purpose not in PURPOSES:
        raise ValueError(f"Unknown email purpose: {purpose!r}")
    return _signer(purpose).sign(f"{purpose}-{user.pk}")


def read_unsubscribe_token(token: str) -> tuple[User, str]:
    """The person and the purpose a token names; BadToken or ExpiredToken otherwise."""
    purpose = token.split("-", 1)[0]
    if purpose not in PURPOSES:
        raise BadToken
    try:
        value = _signer(purpose).unsign(token, max_age=TOKEN_MAX_AGE)
    except SignatureExpired:
        raise ExpiredToken from None
    except BadSignature:
        raise BadToken from None
    named, _sep, user_id = value.partition("-")
    if named != purpose or not user_id.isdigit():
        raise BadToken
    user = User.objects.filter(pk=int(user_id), is_active=True).first()
    if user is None:
        raise BadToken
    return user, purpose


def unsubscribe_url(user: User, purpose: str) -> str:
    return settings.SITE_URL + reverse("email_unsubscribe", args=[unsubscribe_token(user, purpose)])


# Preferences ------------------------------------------------------------------------------


def preference_of(user: User) -> EmailPreference:
    """The person's preferences; the defaults (everything on) when never set. Uses a
    ``select_related("email_preference")`` when the query made one."""
    try:
        return user.email_preference
    except EmailPreference.DoesNotExist:
        return EmailPreference(user=user)


def unsubscribe(user: User, purpose: str) -> EmailPreference:
    preference, _created = EmailPreference.objects.update_or_create(
        user=user, defaults={purpose: False}
    )
    return preference


# Building and sending ---------------------------------------------------------------------


def _subject(text: str) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= 150 else line[:149] + "…"


def build_email(
    *, user: User, purpose: str, subject: Text, template: str, context: dict
) -> EmailMultiAlternatives:
    """One email to one person, in their language: text and HTML parts rendered from
    ``communication/email/<template>.txt|.html``, the unsubscribe link in both and in the
    List-Unsubscribe headers. ``subject`` is best a function that writes it, so that it is
    written in the person's language too."""
    link = unsubscribe_url(user, purpose)
    context = {
        **context,
        "recipient": user,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": link,
        "preferences_url": settings.SITE_URL + reverse("email_preferences"),
        "purpose_label": PURPOSES[purpose],
    }
    with translation.override(language_of(user)):
        message = EmailMultiAlternatives(
            subject=_subject(subject() if callable(subject) else subject),
            body=render_to_string(f"communication/email/{template}.txt", context),
            to=[user.email],
            headers={
                "List-Unsubscribe": f"<{link}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": translation.get_language(),
            },
        )
        message.attach_alternative(
            render_to_string(f"communication/email/{template}.html", context), "text/html"
        )
    return message


def _send_once(keyed_messages: list[tuple[str, EmailMultiAlternatives]]) -> int:
    """Send each message whose key has not been sent already. The keys are recorded in the
    database (SentEmail) before sending, so a task that runs twice, is retried or runs after
    a cache flush sends nothing twice; if sending fails, they are removed to try again."""
    fresh = []
    for key, message in keyed_messages:
        with transaction.atomic():
            _sent, created = SentEmail.objects.get_or_create(key=key)
        if created:
            fresh.append((key, message))
    if not fresh:
        return 0
    try:
        return mailers.default.send_messages([message for _key, message in fresh]) or 0
    except Exception:
        SentEmail.objects.filter(key__in=[key for key, _message in fresh]).delete()
        raise


# Notifications ----------------------------------------------------------------------------


def send_notification_emails(notification_ids: list[int], kind: str) -> int:
    """Email these notifications to the people whose preferences allow ``kind``."""
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related(
        "user", "user__email_preference"
    )
    keyed = []
    for notification in notifications:
        user = notification.user
        if not user.is_active or not user.email or not getattr(preference_of(user), kind):
            continue
        link = settings.SITE_URL + (notification.url or reverse("notifications"))
        message = build_email(
            user=user,
            purpose=kind,
            subject=notification.text,
            template="notification",
            context={"notification": notification, "link": link},
        )
        keyed.append((f"agenda:emailed:notification:{notification.pk}", message))
    return _send_once(keyed)


# The weekly digest ------------------------------------------------------------------------


def week_before(today: date) -> tuple[datetime, datetime]:
    """The 7 days before ``today`` in the region's time zone: [today − 7 days, today)."""
    zone = timezone.get_current_timezone()
    end = timezone.make_aware(datetime.combine(today, time.min), zone)
    start = timezone.make_aware(datetime.combine(today - timedelta(days=7), time.min), zone)
    return start, end


@dataclass
class Digest:
    start: datetime
    end: datetime
    posts: list[Post]
    meetings: list[Meeting]
    decisions: list[Decision]
    actions: dict[int, list[ActionItem]] = field(default_factory=dict)
    due: dict[int, list[DueReport]] = field(default_factory=dict)
    reports: dict[int, list[Notification]] = field(default_factory=dict)

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(days=1)).date()

    def for_user(self, user: User) -> dict:
        return {
            "start": self.start.date(),
            "last_day": self.last_day,
            "posts": self.posts,
            "meetings": self.meetings,
            "decisions": self.decisions,
            "actions": self.actions.get(user.pk, []),
            "due": self.due.get(user.pk, []),
            "reports": self.reports.get(user.pk, []),
        }

    def is_empty_for(self, user: User) -> bool:
        return not (
            self.posts
            or self.meetings
            or self.decisions
            or self.actions.get(user.pk)
            or self.due.get(user.pk)
            or self.reports.get(user.pk)
        )


def digest_recipients():
    """Active people with a role, whose preferences allow the digest."""
    return (
        User.objects.filter(is_active=True, memberships__isnull=False)
        .exclude(email_preference__weekly_digest=False)
        .distinct()
        .order_by("pk")
    )


def build_digest(today: date, users: list[User]) -> Digest:
    """What happened in the week before ``today``, and what each person still has to do.
    A fixed number of queries, whatever the number of people."""
    start, end = week_before(today)
    posts = list(
        Post.objects.filter(created_at__gte=start, created_at__lt=end)
        .select_related("author", "organization", "working_group")
        .order_by("created_at")
    )
    meetings = list(
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("working_group")
        .order_by("starts_at")
    )
    decisions = list(
        Decision.objects.filter(meeting__in=[m.pk for m in meetings])
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")
    )
    digest = Digest(start, end, posts, meetings, decisions)
    user_ids = [u.pk for u in users]
    for item in ActionItem.objects.filter(
        owner_id__in=user_ids, done_at__isnull=True
    ).select_related("meeting"):
        digest.actions.setdefault(item.owner_id, []).append(item)
    # Reports that moved on this week, as each person was told of them (communication/workflow).
    for notification in Notification.objects.filter(
        user_id__in=user_ids, kind=REPORTS, created_at__gte=start, created_at__lt=end
    ).order_by("created_at", "pk"):
        digest.reports.setdefault(notification.user_id, []).append(notification)
    orgs_of = defaultdict(set)
    for user_id, org_id in Membership.objects.filter(
        user_id__in=user_ids, role__in=[Role.MEMBER, Role.LEAD]
    ).values_list("user_id", "organization_id"):
        orgs_of[user_id].add(org_id)
    if orgs_of:
        due_by_org = defaultdict(list)
        for report in reports_due(set().union(*orgs_of.values()), today):
            due_by_org[report.organization.pk].append(report)
        for user_id, org_ids in orgs_of.items():
            reports = [r for org_id in sorted(org_ids) for r in due_by_org.get(org_id, [])]
            if reports:
                digest.due[user_id] = reports
    return digest


def send_weekly_digest(today: date) -> int:
    """The weekly digest of the 7 days before ``today``, to everyone who wants it and has
    something in it. Sending twice for the same week sends nothing the second time."""
    users = list(digest_recipients())
    digest = build_digest(today, users)

    def subject() -> str:
        return _("%(site)s: the week of %(start)s") % {
            "site": settings.SITE_NAME,
            "start": date_format(digest.start.date(), "DATE_FORMAT"),
        }

    keyed = [
        (
            f"agenda:emailed:digest:{digest.start.date().isoformat()}:{user.pk}",
            build_email(
                user=user,
                purpose="weekly_digest",
                subject=subject,
                template="digest",
                context=digest.for_user(user),
            ),
        )
        for user in users
        if user.email and not digest.is_empty_for(user)
    ]
    return _send_once(keyed)


# Reminders of reports due -----------------------------------------------------------------


def reminder_kind(report: DueReport, schedule: ReminderSchedule, today: date) -> str | None:
    """Which reminder a report calls for today, if any: "due" once within the days before
    it is due, then "overdue-1", "overdue-2" … one for each N days it is late."""
    if report.due is None:
        return None
    if today > report.due:
        days_late = (today - report.due).days
        step = 1 + (days_late - 1) // max(schedule.days_overdue, 1)
        return f"overdue-{min(step, MAX_OVERDUE_STEP)}"
    if (report.due - today).days <= schedule.days_before_due:
        return "due"
    return None


def _reminder_text(report: DueReport, kind: str, today: date) -> str:
    values = {
        "org": report.organization.name,
        "period": report.period.label,
        "due": date_format(report.due, "DATE_FORMAT"),
    }
    if kind == "due":
        return _("Reminder: %(org)s's report for %(period)s is due on %(due)s.") % values
    values["days"] = (today - report.due).days
    return (
        _("Overdue: %(org)s's report for %(period)s was due on %(due)s (%(days)s days ago).")
        % values
    )


def send_report_reminders(today: date) -> int:
    """Remind each reporting organization's leads and members of reports due and overdue,
    on the schedule backbone staff set: a notification each, emailed as their preferences
    allow. ReminderSent records each reminder, so a second run sends nothing twice.
    Returns the number of reminders (organization × report × rule) sent."""
    schedule = ReminderSchedule.load()
    if not schedule.enabled:
        return 0
    org_ids = set(
        Indicator.reporting_organizations.through.objects.values_list("organization_id", flat=True)
    )
    wanted = []
    for report in reports_due(org_ids, today):
        kind = reminder_kind(report, schedule, today)
        if kind is not None:
            wanted.append((report, kind))
    if not wanted:
        return 0
    already = set(
        ReminderSent.objects.filter(
            organization_id__in={r.organization.pk for r, _k in wanted}
        ).values_list("organization_id", "period_key", "kind")
    )
    people = defaultdict(list)
    for membership in Membership.objects.filter(
        organization_id__in={r.organization.pk for r, _k in wanted},
        role__in=[Role.MEMBER, Role.LEAD],
        user__is_active=True,
    ).select_related("user"):
        people[membership.organization_id].append(membership.user)
    sent = 0
    to_email = []
    for report, kind in wanted:
        key = (report.organization.pk, report.period.key, kind)
        if key in already:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    organization=report.organization, period_key=report.period.key, kind=kind
                )
                notifications = create_notifications(
                    people[report.organization.pk],
                    lambda report=report, kind=kind: _reminder_text(report, kind, today),
                    reverse("report", args=[report.organization.slug, report.period.key]),
                    REMINDERS,
                )
        except IntegrityError:  # another run recorded it meanwhile
            continue
        to_email.extend(n.pk for n in notifications)
        sent += 1
    # Already in a worker: the reminders' emails go out here, each at most once.
    send_notification_emails(to_email, REMINDERS)
    log.info("Sent %s report reminders for %s", sent, today)
    return sent


# Reminders sent now, by backbone staff -------------------------------------------------------


@dataclass
class ReminderNow:
    """One reminder that "send reminders now" would send: the report, who is told, and what
    they read."""

    report: DueReport
    people: list[User]
    text: str  # in the language of the person previewing
    today: date

    @property
    def kind(self) -> str:
        return "due" if not self.report.is_overdue else "overdue"

    def write(self) -> str:
        """The text again, in the language active now (each recipient's, when sent)."""
        return _reminder_text(
            self.report, "overdue-1" if self.report.is_overdue else "due", self.today
        )


def reminders_now(today: date) -> list[ReminderNow]:
    """Every report due or overdue today, whatever the schedule, with the leads and members
    who would be reminded of it and the text they would read. Three queries."""
    org_ids = set(
        Indicator.reporting_organizations.through.objects.values_list("organization_id", flat=True)
    )
    reports = reports_due(org_ids, today)
    people = defaultdict(list)
    for membership in (
        Membership.objects.filter(
            organization_id__in={r.organization.pk for r in reports},
            role__in=[Role.MEMBER, Role.LEAD],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "user__email")
    ):
        people[membership.organization_id].append(membership.user)
    result = []
    for report in reports:
        if report.due is None:
            continue
        kind = "overdue-1" if report.is_overdue else "due"
        result.append(
            ReminderNow(
                report, people[report.organization.pk], _reminder_text(report, kind, today), today
            )
        )
    return result
