"""Mutually reinforcing activities: partners' commitments under the agenda's strategies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models import Strategy
from measures.models import Indicator
from partners.models import Organization


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    DONE = "done", _("Done")
    PAUSED = "paused", _("Paused")


class Commitment(models.Model):
    """What one organization does under a strategy: what, for whom, when, its status, and
    the indicators it should move."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("strategy")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="commitments"
    )
    title = models.CharField(_("what"), max_length=200)
    audience = models.CharField(_("for whom"), max_length=200)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="commitments",
        verbose_name=_("indicators it should move"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "agenda_commitment"
        ordering = ["strategy", "organization__name", "title"]

    def __str__(self):
        return f"{self.organization}: {self.title}"

    def protection_label(self) -> str:
        """How it is named when it keeps its strategy from being deleted (agenda/protection.py)."""
        return _("“%(title)s” (%(organization)s, under “%(strategy)s”)") % {
            "title": self.title,
            "organization": self.organization.name,
            "strategy": self.strategy.title,
        }

    def protection_sort_key(self) -> tuple[str, str, str]:
        return (self.strategy.title, self.organization.name, self.title)


class ProgressUpdate(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("progress"))
    status = models.CharField(_("status now"), max_length=10, choices=CommitmentStatus.choices)

    class Meta:
        db_table = "agenda_progressupdate"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.commitment_id} {self.created_at:%Y-%m-%d}"
