"""Funding alignment: funding streams linked to the agenda's goals and strategies."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models import Goal, Strategy
from partners.models import Organization


class FundingStream(models.Model):
    funder = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="funding_given",
        verbose_name=_("funder"),
    )
    recipient = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="funding_received",
        verbose_name=_("recipient"),
    )
    name = models.CharField(_("name"), max_length=200)
    amount = models.DecimalField(_("amount (USD)"), max_digits=14, decimal_places=2)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    purpose = models.TextField(_("purpose"))
    goals = models.ManyToManyField(Goal, blank=True, related_name="funding_streams")
    strategies = models.ManyToManyField(Strategy, blank=True, related_name="funding_streams")

    class Meta:
        db_table = "agenda_fundingstream"
        ordering = ["-start", "name"]

    def __str__(self):
        return self.name

    @property
    def aligned(self) -> bool:
        """Aligned when it serves at least one goal or strategy of the agenda."""
        return self.goals.exists() or self.strategies.exists()
