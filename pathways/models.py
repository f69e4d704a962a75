"""Career pathways: sectors, career clusters, occupations (SOC 2018), programs (CIP 2020),
credentials, and pathways made of steps linked in order.

A pathway's steps are arranged by stage (explore → prepare → train → launch → advance) and
linked: "precedes" (the usual next step) and "prerequisite" (must be done first). Links never
form a cycle, and a credential never stacks, directly or not, into itself.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Organization

SOC_CODE = RegexValidator(
    r"^\d{2}-\d{4}$", _("A SOC 2018 code has the form 15-1252 (two digits, a hyphen, four).")
)
CIP_CODE = RegexValidator(
    r"^\d{2}\.\d{4}$", _("A CIP 2020 code has the form 51.3801 (two digits, a dot, four).")
)
NAICS_CODES = RegexValidator(
    r"^\d{2,6}(\s*,\s*\d{2,6})*$",
    _("NAICS codes are 2 to 6 digits, separated by commas, e.g. 3254, 5417."),
)


class Audience(models.TextChoices):
    YOUTH = "youth", _("Youth")
    ADULT = "adult", _("Adults")
    BOTH = "both", _("Youth and adults")


class Sector(models.Model):
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    naics_codes = models.CharField(
        _("NAICS codes"), max_length=200, blank=True, validators=[NAICS_CODES]
    )
    high_growth = models.BooleanField(_("high-growth sector"), default=False)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CareerCluster(models.Model):
    """One of Advance CTE's 14 career clusters."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Education(models.TextChoices):
    NONE = "none", _("No formal educational credential")
    HIGH_SCHOOL = "high_school", _("High school diploma or equivalent")
    POSTSECONDARY = "postsecondary", _("Postsecondary nondegree award")
    SOME_COLLEGE = "some_college", _("Some college, no degree")
    ASSOCIATE = "associate", _("Associate's degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORAL = "doctoral", _("Doctoral or professional degree")


class Occupation(models.Model):
    soc_code = models.CharField(
        _("SOC 2018 code"), max_length=7, unique=True, validators=[SOC_CODE]
    )
    title = models.CharField(_("title"), max_length=200)
    median_wage = models.DecimalField(
        _("median annual wage"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    # The annual wages at the 10th, 25th, 75th and 90th percentiles (BLS OEWS), where known.
    wage_p10 = models.DecimalField(
        _("annual wage, 10th percentile"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    wage_p25 = models.DecimalField(
        _("annual wage, 25th percentile"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    wage_p75 = models.DecimalField(
        _("annual wage, 75th percentile"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    wage_p90 = models.DecimalField(
        _("annual wage, 90th percentile"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    annual_openings = models.PositiveIntegerField(_("annual openings"), null=True, blank=True)
    projected_growth = models.DecimalField(
        _("projected growth (%)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    entry_education = models.CharField(
        _("typical entry education"), max_length=20, choices=Education.choices, blank=True
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the figures come from, e.g. “BLS OEWS, Durham-Chapel Hill MSA”."),
    )
    period = models.CharField(_("period of the figures"), max_length=40, blank=True)
    # Long-term projections (BLS Employment Projections or a state's), where imported.
    employment_base = models.PositiveIntegerField(_("employment, base year"), null=True, blank=True)
    employment_projected = models.PositiveIntegerField(
        _("employment, projected year"), null=True, blank=True
    )
    projection_source = models.CharField(_("source of the projections"), max_length=300, blank=True)
    projection_period = models.CharField(
        _("projection period"), max_length=40, blank=True, help_text=_("e.g. “2024–2034”.")
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="occupations")

    class Meta:
        ordering = ["soc_code"]

    def __str__(self):
        return f"{self.soc_code} {self.title}"

    def get_absolute_url(self):
        return reverse("occupation_detail", args=[self.soc_code])


class AwardLevel(models.TextChoices):
    NONE = "none", _("No award (course or training)")
    CERTIFICATE = "certificate", _("Certificate")
    DIPLOMA = "diploma", _("Diploma")
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    GRADUATE = "graduate", _("Graduate degree")
    APPRENTICESHIP = "apprenticeship", _("Registered apprenticeship")


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Schedule(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    EVENINGS = "evenings", _("Evenings and weekends")
    SCHOOL_DAY = "school_day", _("During the school day")
    SELF_PACED = "self_paced", _("At your own pace")


def new_ctid() -> uuid.UUID:
    return uuid.uuid4()


# The identifier of a pathway, step, program or credential in the Credential Transparency
# Description Language (``ce-`` and this UUID): it never changes, so that a published pathway
# keeps its address in a registry and comes back as the same records when read back.
CTID_HELP = _("Its identifier in CTDL, the credential registries' language (ce- and this UUID).")


def ctdl_id_field():
    return models.UUIDField(
        "CTID", default=new_ctid, unique=True, editable=False, help_text=CTID_HELP
    )


class HasCtid:
    """``ctid``: the record's CTID, ``ce-`` and its UUID."""

    @property
    def ctid(self) -> str:
        return f"ce-{self.ctdl_id}"


class Program(HasCtid, models.Model):
    ctdl_id = ctdl_id_field()
    cip_code = models.CharField(_("CIP 2020 code"), max_length=7, validators=[CIP_CODE])
    title = models.CharField(_("title"), max_length=200)
    provider = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="programs", verbose_name=_("provider")
    )
    award_level = models.CharField(_("award level"), max_length=20, choices=AwardLevel.choices)
    length_months = models.PositiveSmallIntegerField(
        _("length (months)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    cost = models.DecimalField(
        _("cost (USD)"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    modality = models.CharField(_("modality"), max_length=20, choices=Modality.choices)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    schedule = models.CharField(_("schedule"), max_length=12, choices=Schedule.choices, blank=True)
    location = models.CharField(
        _("where it is taught"),
        max_length=200,
        blank=True,
        help_text=_("A campus and town, e.g. “Main campus, Durham”; empty for online only."),
    )
    how_to_enrol = models.TextField(
        _("how to enrol"),
        blank=True,
        help_text=_("What a student does to start: an application, a test, a date, whom to call."),
    )
    enrol_url = models.URLField(
        _("web page for enrolling"),
        blank=True,
        help_text=_("The provider's page about this program."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "cip_code", "title"], name="one_program_per_provider_title"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.provider})"

    def get_absolute_url(self):
        return reverse("program_detail", args=[self.pk])


class CredentialKind(models.TextChoices):
    DIPLOMA = "diploma", _("High school diploma or equivalent")
    CERTIFICATION = "certification", _("Industry certification")
    LICENSE = "license", _("License")
    CERTIFICATE = "certificate", _("Certificate")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship certificate")
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    GRADUATE = "graduate", _("Graduate degree")


class Credential(HasCtid, models.Model):
    ctdl_id = ctdl_id_field()
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=CredentialKind.choices)
    issuer = models.CharField(_("issuer"), max_length=200)
    stacks_into = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="stacked_from",
        verbose_name=_("stacks into"),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def stacks_into_closure(self) -> set[int]:
        """Every credential this one leads to, directly or through others."""
        seen: set[int] = set()
        frontier = {self.pk}
        while frontier:
            nxt = set(
                Credential.stacks_into.through.objects.filter(
                    from_credential_id__in=frontier
                ).values_list("to_credential_id", flat=True)
            )
            frontier = nxt - seen
            seen |= nxt
        return seen

    def check_stacking(self, targets) -> None:
        """Refuse stacking into itself, or into a credential that already stacks into it."""
        for target in targets:
            if target.pk == self.pk or self.pk in target.stacks_into_closure():
                raise ValidationError(
                    _("“%(a)s” cannot stack into “%(b)s”: that would make a loop."),
                    params={"a": self.name, "b": target.name},
                    code="cycle",
                )


class Pathway(HasCtid, models.Model):
    ctdl_id = ctdl_id_field()
    # The short name is also the pathway's category code in the shared measures (40 at most).
    slug = models.SlugField(_("short name"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="pathways", verbose_name=_("sector")
    )
    cluster = models.ForeignKey(
        CareerCluster,
        on_delete=models.PROTECT,
        related_name="pathways",
        verbose_name=_("career cluster"),
    )
    target_occupations = models.ManyToManyField(
        Occupation, blank=True, related_name="pathways", verbose_name=_("target occupations")
    )
    owner = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="owned_pathways",
        verbose_name=_("owned by"),
        help_text=_("The backbone organization, or the partner that leads the working group."),
    )
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Shown to everyone in the career explorer (/explore/), with its steps, programs, "
            "credentials and jobs. Leave off while the pathway is a draft."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pathway_detail", args=[self.slug])


class Stage(models.TextChoices):
    EXPLORE = "explore", _("Explore")
    PREPARE = "prepare", _("Prepare")
    TRAIN = "train", _("Train")
    LAUNCH = "launch", _("Launch")
    ADVANCE = "advance", _("Advance")


STAGE_ORDER = {stage: n for n, stage in enumerate(Stage.values)}


class StepKind(models.TextChoices):
    COURSE = "course", _("Course")
    PROGRAM = "program", _("Program")
    CREDENTIAL = "credential", _("Credential")
    WORK_BASED = "work_based", _("Work-based learning")
    JOB = "job", _("Job")


class Step(HasCtid, models.Model):
    ctdl_id = ctdl_id_field()
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("title"), max_length=200)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=StepKind.choices)
    description = models.TextField(_("description"), blank=True)
    entry_point = models.BooleanField(_("entry point"), default=False)
    exit_point = models.BooleanField(_("exit point"), default=False)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    min_grade = models.PositiveSmallIntegerField(_("from grade"), null=True, blank=True)
    max_grade = models.PositiveSmallIntegerField(_("to grade"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)
    provider = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pathway_steps",
        verbose_name=_("provider"),
    )
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, null=True, blank=True, related_name="steps"
    )
    credential = models.ForeignKey(
        Credential, on_delete=models.PROTECT, null=True, blank=True, related_name="steps"
    )
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("order within the stage"), default=0)

    class Meta:
        ordering = ["pathway", "order", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if (
            self.min_grade is not None
            and self.max_grade is not None
            and self.min_grade > self.max_grade
        ):
            errors["max_grade"] = _("The last grade comes after the first.")
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = _("The oldest age is at least the youngest.")
        if self.kind == StepKind.PROGRAM and not self.program_id:
            errors["program"] = _("A program step names its program.")
        if self.kind == StepKind.CREDENTIAL and not self.credential_id:
            errors["credential"] = _("A credential step names its credential.")
        if self.kind == StepKind.JOB and not self.occupation_id:
            errors["occupation"] = _("A job step names its occupation.")
        if errors:
            raise ValidationError(errors)


class LinkKind(models.TextChoices):
    PRECEDES = "precedes", _("Leads to")
    PREREQUISITE = "prerequisite", _("Is required before")


class StepLink(models.Model):
    from_step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="links_out")
    to_step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("kind"), max_length=12, choices=LinkKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_step", "to_step"], name="one_link_per_pair")
        ]

    def __str__(self):
        return f"{self.from_step} → {self.to_step}"

    def clean(self):
        if not (self.from_step_id and self.to_step_id):
            return
        if self.from_step_id == self.to_step_id:
            raise ValidationError(_("A step cannot lead to itself."), code="cycle")
        if self.from_step.pathway_id != self.to_step.pathway_id:
            raise ValidationError(_("Both steps belong to the same pathway."), code="pathway")
        if self.from_step_id in reachable(self.to_step_id):
            raise ValidationError(
                _("“%(a)s” already comes after “%(b)s”: this link would make a loop."),
                params={"a": self.from_step.title, "b": self.to_step.title},
                code="cycle",
            )


def reachable(step_id: int) -> set[int]:
    """Every step that can be reached from ``step_id`` by following links."""
    pathway_id = Step.objects.filter(pk=step_id).values_list("pathway_id", flat=True).first()
    edges: dict[int, list[int]] = {}
    for a, b in StepLink.objects.filter(from_step__pathway_id=pathway_id).values_list(
        "from_step_id", "to_step_id"
    ):
        edges.setdefault(a, []).append(b)
    seen, stack = set(), [step_id]
    while stack:
        for nxt in edges.get(stack.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


class PathwayVersion(models.Model):
    """A pathway as it stood after one edit: its fields, steps and links."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    summary = models.CharField(max_length=300)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "number"], name="one_pathway_version_number")
        ]

    def __str__(self):
        return f"{self.pathway_id} v{self.number}"


from pathways.reference_models import CipCode  # noqa: E402 - the CIP 2020 code list

__all__ = ["CipCode"]
