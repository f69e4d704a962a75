"""Celery tasks of continuous communication: they get ids and ISO dates, never objects, and
running one twice sends nothing twice (see communication/emails.py)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from communication import emails


def _day(today: str | None) -> date:
    return date.fromisoformat(today) if today else timezone.localdate()


def _email_notifications(notification_ids: list[int], kind: str) -> int:
    """Email new notifications to those whose preferences allow this kind of news."""
    return emails.send_notification_emails(notification_ids, kind)


def _send_weekly_digest(today: str | None = None) -> int:
    """Beat, Mondays at 07:00: the digest of the 7 days before ``today``."""
    return emails.send_weekly_digest(_day(today))


def _send_report_reminders(today: str | None = None) -> int:
    """Beat, daily: reminders of reports due and overdue, on the backbone's schedule."""
    return emails.send_report_reminders(_day(today))


def _task(function, name: str):
    """The task under its name here, and under the name it had before communication had an
    app of its own, so that messages queued and beat entries saved then still run."""
    shared_task(name=f"agenda.tasks.{name}", acks_late=True)(function)
    return shared_task(name=f"communication.tasks.{name}", acks_late=True)(function)


email_notifications = _task(_email_notifications, "email_notifications")
send_weekly_digest = _task(_send_weekly_digest, "send_weekly_digest")
send_report_reminders = _task(_send_report_reminders, "send_report_reminders")
