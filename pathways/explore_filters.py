"""The career explorer's search and filters, read from the query string.

Unknown or malformed values are ignored (the page shows everything, as if not chosen), so a
shared or hand-edited address never fails. What a filter means:

- **sector**, **cluster**: the pathway's own.
- **audience**: the pathway has a step for youth (or adults), or for both.
- **start**: the pathway has an entry point for youth (or adults).
- **cost**, **length**, **schedule**, **modality**: the pathway has a program that fits every
  one of these at once (an online program under $1,000, say); the results name those programs.
- **wage**: a job the pathway leads to has a median wage at least this high.
- **q**: words found in the pathway's title or summary, its steps, programs, credentials or
  jobs, or its sector (every word must be found somewhere).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pathways.models import Modality, Occupation, Program, Schedule, Step
from pathways.views import AUDIENCE_CHOICES, AUDIENCE_FILTER, _choice

QUERY_MAX = 100  # characters of a search kept
WORDS_MAX = 8

COST_CHOICES = [
    ("free", _("Free")),
    ("1000", _("$1,000 or less")),
    ("5000", _("$5,000 or less")),
    ("15000", _("$15,000 or less")),
]
LENGTH_CHOICES = [
    ("3", _("3 months or less")),
    ("12", _("A year or less")),
    ("24", _("Two years or less")),
]
WAGE_CHOICES = [
    ("40000", _("$40,000 a year or more")),
    ("60000", _("$60,000 a year or more")),
    ("80000", _("$80,000 a year or more")),
]
START_CHOICES = [
    ("youth", pgettext_lazy("where one can start", "An entry point for youth")),
    ("adult", pgettext_lazy("where one can start", "An entry point for adults")),
]


def _pick(request: HttpRequest, name: str, choices) -> str:
    return _choice(request, name, {value for value, _label in choices})


@dataclass
class Filters:
    q: str = ""
    sector: str = ""
    cluster: str = ""
    audience: str = ""
    start: str = ""
    cost: str = ""
    length: str = ""
    schedule: str = ""
    modality: str = ""
    wage: str = ""

    @classmethod
    def read(cls, request: HttpRequest, *, sectors, clusters) -> "Filters":
        q = " ".join(request.GET.get("q", "").split())[:QUERY_MAX]
        return cls(
            q=q,
            sector=_pick(request, "sector", [(s.slug, "") for s in sectors]),
            cluster=_pick(request, "cluster", [(c.code, "") for c in clusters]),
            audience=_pick(request, "audience", AUDIENCE_CHOICES),
            start=_pick(request, "start", START_CHOICES),
            cost=_pick(request, "cost", COST_CHOICES),
            length=_pick(request, "length", LENGTH_CHOICES),
            schedule=_pick(request, "schedule", Schedule.choices),
            modality=_pick(request, "modality", Modality.choices),
            wage=_pick(request, "wage", WAGE_CHOICES),
        )

    @property
    def any(self) -> bool:
        return any(vars(self).values())

    @property
    def program_chosen(self) -> bool:
        """A choice about programs: the results then name the programs that fit."""
        return bool(self.cost or self.length or self.schedule or self.modality)

    @property
    def more_chosen(self) -> bool:
        """A choice among those folded under "More choices" on the page."""
        return bool(self.cluster or self.program_chosen or self.wage)

    def programs(self) -> QuerySet:
        """The programs that fit the choices about cost, length, schedule and modality."""
        fits = Q()
        if self.cost == "free":
            fits &= Q(cost=0)
        elif self.cost:
            fits &= Q(cost__lte=Decimal(self.cost))
        if self.length:
            fits &= Q(length_months__lte=int(self.length))
        if self.schedule:
            fits &= Q(schedule=self.schedule)
        if self.modality:
            fits &= Q(modality=self.modality)
        return Program.objects.filter(fits)

    def apply(self, pathways: QuerySet) -> QuerySet:
        if self.sector:
            pathways = pathways.filter(sector__slug=self.sector)
        if self.cluster:
            pathways = pathways.filter(cluster__code=self.cluster)
        if self.audience:
            serves = Step.objects.filter(
                pathway=OuterRef("pk"), audience__in=AUDIENCE_FILTER[self.audience]
            )
            pathways = pathways.filter(Exists(serves))
        if self.start:
            entry = Step.objects.filter(
                pathway=OuterRef("pk"), entry_point=True, audience__in=AUDIENCE_FILTER[self.start]
            )
            pathways = pathways.filter(Exists(entry))
        if self.program_chosen:
            fitting = Step.objects.filter(pathway=OuterRef("pk"), program__in=self.programs())
            pathways = pathways.filter(Exists(fitting))
        if self.wage:
            pays = Occupation.objects.filter(
                pathways=OuterRef("pk"), median_wage__gte=Decimal(self.wage)
            )
            pathways = pathways.filter(Exists(pays))
        for word in self.q.split()[:WORDS_MAX]:
            pathways = pathways.filter(_mentions(word))
        return pathways


def _either(field: str, word: str) -> Q:
    """``field`` contains ``word`` in English or in Spanish: a search finds content in the
    language it was written in, whatever the reader's."""
    return Q(**{f"{field}_en__icontains": word}) | Q(**{f"{field}_es__icontains": word})


def _mentions(word: str) -> Q:
    """The pathway, its steps or what they name mention ``word``."""
    in_steps = Step.objects.filter(pathway=OuterRef("pk")).filter(
        _either("title", word)
        | _either("description", word)
        | _either("program__title", word)
        | _either("credential__name", word)
        | _either("occupation__title", word)
        | Q(provider__name__icontains=word)
    )
    jobs = Occupation.objects.filter(pathways=OuterRef("pk")).filter(_either("title", word))
    return (
        _either("title", word)
        | _either("summary", word)
        | _either("sector__name", word)
        | _either("cluster__name", word)
        | Exists(in_steps)
        | Exists(jobs)
    )
