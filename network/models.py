"""The network: partnerships between organizations (the edges of the network map) and the
working groups that carry parts of the agenda. The tables keep the names they had when these
models lived in partners."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Organization
from pathways.models import Pathway


class PartnershipKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    DATA_SHARING = "data_sharing", _("Data sharing")
    REFERRAL = "referral", _("Referral")
    CO_DELIVERY = "co_delivery", _("Co-delivery")
    FUNDING = "funding", _("Funding")
    EMPLOYER_ADVISORY = "employer_advisory", _("Employer advisory")


class Partnership(models.Model):
    """A tie between two organizations: an edge of the network map, and the career pathways
    it serves."""

    first = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organization")
    )
    second = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partner organization"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PartnershipKind.choices)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    pathways = models.ManyToManyField(
        Pathway,
        blank=True,
        related_name="partnerships",
        verbose_name=_("pathways involved"),
        # The table it had when the pathway held this relation.
        db_table="pathways_pathway_partnerships",
    )

    class Meta:
        db_table = "partners_partnership"
        ordering = ["-start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first=models.F("second")),
                name="partnership_between_two_organizations",
            ),
        ]

    def __str__(self):
        return f"{self.first} – {self.second} ({self.get_kind_display()})"

    def clean(self):
        if self.first_id and self.first_id == self.second_id:
            raise ValidationError(
                {"second": _("A partnership is between two different organizations.")}
            )
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end comes after the start.")})

    def is_active_on(self, day) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


class WorkingGroup(models.Model):
    """A cross-sector group of people working on part of the agenda."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    charter = models.TextField(_("charter"), blank=True, help_text=_("Markdown."))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="working_groups"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "partners_workinggroup"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def current_lead(self):
        term = self.lead_terms.filter(end__isnull=True).select_related("lead").first()
        return term.lead if term else None


class LeadTerm(models.Model):
    """Who led a working group, and when: the rotation of its lead."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="lead_terms")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        db_table = "partners_leadterm"
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(end__isnull=True),
                name="one_current_lead_per_group",
            )
        ]

    def __str__(self):
        return f"{self.group}: {self.lead} from {self.start}"
