"""Celery tasks of continuous communication: they get ids and ISO dates, never objects, and
running one twice sends nothing twice (see agenda/emails.py)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from agenda import emails


def _day(today: str | None) -> date:
    return date.fromisoformat(today) if today else timezone.localdate()


@shared_task(acks_late=True)
def email_notifications(notification_ids: list[int], kind: str) -> int:
    """Email new notifications to those whose preferences allow this kind of news."""
    return emails.send_notification_emails(notification_ids, kind)


@shared_task(acks_late=True)
def send_weekly_digest(today: str | None = None) -> int:
    """Beat, Mondays at 07:00: the digest of the 7 days before ``today``."""
    return emails.send_weekly_digest(_day(today))


@shared_task(acks_late=True)
def send_report_reminders(today: str | None = None) -> int:
    """Beat, daily: reminders of reports due and overdue, on the backbone's schedule."""
    return emails.send_report_reminders(_day(today))
