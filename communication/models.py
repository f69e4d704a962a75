"""Continuous communication: updates and comments, meetings with minutes, decisions and
action items, in-app notifications, and each person's email preferences. The tables keep the
names they had when these models lived in the agenda app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from network.models import WorkingGroup
from partners.models import Organization


class Post(models.Model):
    """An update in the feed, by backbone staff, a working group or a partner."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts"
    )
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "agenda_post"
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "agenda_comment"
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.author} on {self.post_id}"


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=200)
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts"))
    location = models.CharField(_("where"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "agenda_meeting"
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))

    class Meta:
        db_table = "agenda_decision"

    def __str__(self):
        return self.text[:60]


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    due = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "agenda_actionitem"
        ordering = ["due", "pk"]

    def __str__(self):
        return self.text


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, person):
        """A person's own notifications: nobody sees anyone else's."""
        return self.filter(user=person)


class Notification(models.Model):
    """Something for one person to see in the app; many are also emailed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    # Which email preference allows it (communication/notifications.py KINDS).
    kind = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        db_table = "agenda_notification"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.text


class EmailPreference(models.Model):
    """What one person wants by email. Unsubscribe links carry a signed token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference"
    )
    updates = models.BooleanField(_("new updates and comments"), default=True)
    meetings = models.BooleanField(_("meetings and action items"), default=True)
    reminders = models.BooleanField(_("reminders of reports due"), default=True)
    reports = models.BooleanField(
        _("reports submitted, returned, approved or reopened"), default=True
    )
    weekly_digest = models.BooleanField(_("weekly digest"), default=True)

    class Meta:
        db_table = "agenda_emailpreference"

    def __str__(self):
        return f"{self.user} email"


class ReminderSchedule(models.Model):
    """When reminders of reports go out, set by backbone staff (a single row)."""

    days_before_due = models.PositiveSmallIntegerField(_("days before a report is due"), default=7)
    days_overdue = models.PositiveSmallIntegerField(_("then every N days while overdue"), default=7)
    enabled = models.BooleanField(_("send reminders"), default=True)

    class Meta:
        db_table = "agenda_reminderschedule"

    def __str__(self):
        return f"{self.days_before_due} / {self.days_overdue}"

    @classmethod
    def load(cls) -> "ReminderSchedule":
        """The one row, or its defaults (unsaved) while there is none: reading writes
        nothing; the first save creates the row."""
        return cls.objects.order_by("pk").first() or cls()


class ReminderSent(models.Model):
    """One reminder, so that running the job twice sends nothing twice."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=12)
    kind = models.CharField(max_length=10)  # "due" or "overdue-N"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "agenda_remindersent"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period_key", "kind"], name="one_reminder_each"
            )
        ]

    def __str__(self):
        return f"{self.organization_id} {self.period_key} {self.kind}"


class SentEmail(models.Model):
    """One email the product has sent, by its key (what it is and for whom), so that a task
    that runs twice, is retried, or runs after a cache flush sends nothing twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
