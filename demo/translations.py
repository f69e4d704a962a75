"""The demo region's public content in Spanish: sectors, clusters, the jobs pathways lead to,
pathways, their steps, programs and credentials, the common agenda, its goals and the
indicators, each given its Spanish (demo/spanish.py) where it has none yet."""

from django.db.models import Q
from modeltranslation.translator import translator

from agenda.models import Agenda, Goal
from demo.spanish import SPANISH
from measures.models import Category, Dimension, Indicator
from pathways.models import (
    CareerCluster,
    Credential,
    Occupation,
    Pathway,
    Program,
    Sector,
    Step,
)

MODELS = (
    Sector,
    CareerCluster,
    Pathway,
    Step,
    Program,
    Credential,
    Agenda,
    Goal,
    Indicator,
    Dimension,
    Category,
)


def seed_spanish() -> int:
    """Set the Spanish of every demo record that has none and whose English the demo
    translates; returns the number of records given Spanish."""
    jobs = Occupation.objects.filter(Q(pathways__isnull=False) | Q(steps__isnull=False))
    given = 0
    for model, records in [(m, m.objects.all()) for m in MODELS] + [(Occupation, jobs.distinct())]:
        fields = translator.get_options_for_model(model).fields
        changed = []
        for record in records:
            touched = False
            for name in fields:
                english = getattr(record, f"{name}_en", None)
                if english and not getattr(record, f"{name}_es", None) and english in SPANISH:
                    setattr(record, f"{name}_es", SPANISH[english])
                    touched = True
            if touched:
                changed.append(record)
        model.objects.bulk_update(changed, [f"{name}_es" for name in fields], batch_size=500)
        given += len(changed)
    return given
