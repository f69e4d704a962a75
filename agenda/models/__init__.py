"""The agenda's models, one module per subject."""

from agenda.models.activities import Commitment, CommitmentStatus, ProgressUpdate
from agenda.models.communication import (
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
from agenda.models.core import Agenda, AgendaVersion, Goal, ShareLink, Strategy
from agenda.models.funding import FundingStream
from measures.models import Publication

__all__ = [
    "ActionItem",
    "Agenda",
    "AgendaVersion",
    "Comment",
    "Commitment",
    "CommitmentStatus",
    "Decision",
    "EmailPreference",
    "FundingStream",
    "Goal",
    "Meeting",
    "Notification",
    "Post",
    "ProgressUpdate",
    "Publication",
    "ReminderSchedule",
    "ReminderSent",
    "ShareLink",
    "Strategy",
]
