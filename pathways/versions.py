"""Versions of a pathway: its fields, steps and links as JSON; a readable diff; restore.

Steps keep their ids, so a restore brings back the same rows. Programs, credentials and
occupations are shared by many pathways: a step refers to them by id and a restore only
re-links those that still exist.
"""

from django.db import transaction
from django.db.models import Max

from common.db import reset_sequences
from common.diff import DiffLine, line_diff
from partners.models import Organization
from pathways.models import (
    Credential,
    Occupation,
    Pathway,
    PathwayVersion,
    Program,
    Step,
    StepLink,
)

STEP_FIELDS = [
    "title",
    "stage",
    "kind",
    "description",
    "entry_point",
    "exit_point",
    "audience",
    "min_grade",
    "max_grade",
    "min_age",
    "max_age",
    "provider_id",
    "program_id",
    "credential_id",
    "occupation_id",
    "order",
]


def snapshot(pathway: Pathway) -> dict:
    steps = list(pathway.steps.order_by("pk").values("pk", *STEP_FIELDS))
    links = list(
        StepLink.objects.filter(from_step__pathway=pathway)
        .order_by("from_step_id", "to_step_id")
        .values_list("from_step_id", "to_step_id", "kind")
    )
    return {
        "title": pathway.title,
        "summary": pathway.summary,
        "sector_id": pathway.sector_id,
        "cluster_id": pathway.cluster_id,
        "owner_id": pathway.owner_id,
        "target_occupations": sorted(pathway.target_occupations.values_list("soc_code", flat=True)),
        "steps": [{"id": s.pop("pk"), **s} for s in steps],
        "links": [list(link) for link in links],
    }


def record(pathway: Pathway, by, summary: str) -> PathwayVersion:
    """Keep the pathway as it now stands; call inside the transaction that changed it."""
    number = (pathway.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return PathwayVersion.objects.create(
        pathway=pathway,
        number=number,
        created_by=by,
        summary=summary[:300],
        snapshot=snapshot(pathway),
    )


def as_text(data: dict) -> list[str]:
    names = {
        **{("org", o.pk): o.name for o in Organization.objects.all()},
        **{("program", p.pk): p.title for p in Program.objects.all()},
        **{("credential", c.pk): c.name for c in Credential.objects.all()},
        **{("occupation", o.pk): f"{o.soc_code} {o.title}" for o in Occupation.objects.all()},
    }
    titles = {s["id"]: s["title"] for s in data["steps"]}
    lines = [f"# {data['title']}", *data["summary"].splitlines()]
    lines.append("Target occupations: " + ", ".join(data["target_occupations"]))
    for s in sorted(data["steps"], key=lambda s: (s["stage"], s["order"], s["id"])):
        lines.append(f"## {s['stage']}: {s['title']} ({s['kind']}, {s['audience']})")
        marks = [
            m
            for m, on in (("entry point", s["entry_point"]), ("exit point", s["exit_point"]))
            if on
        ]
        if marks:
            lines.append("  " + ", ".join(marks))
        for key, kind in (
            ("provider_id", "org"),
            ("program_id", "program"),
            ("credential_id", "credential"),
            ("occupation_id", "occupation"),
        ):
            if s[key]:
                lines.append(f"  {kind}: {names.get((kind, s[key]), s[key])}")
        for a, b in (("min_grade", "max_grade"), ("min_age", "max_age")):
            if s[a] is not None or s[b] is not None:
                lines.append(f"  {a[4:]}s: {s[a] or ''}–{s[b] or ''}")
        lines += ["  " + line for line in s["description"].splitlines()]
    for a, b, kind in data["links"]:
        lines.append(f"Link: {titles.get(a, a)} → {titles.get(b, b)} ({kind})")
    return lines


def diff(old: dict | None, new: dict) -> list[DiffLine]:
    return line_diff(as_text(old) if old else [], as_text(new))


@transaction.atomic
def restore(pathway: Pathway, data: dict) -> None:
    pathway.title, pathway.summary = data["title"], data["summary"]
    pathway.sector_id, pathway.cluster_id, pathway.owner_id = (
        data["sector_id"],
        data["cluster_id"],
        data["owner_id"],
    )
    pathway.save()
    pathway.target_occupations.set(
        Occupation.objects.filter(soc_code__in=data["target_occupations"])
    )
    StepLink.objects.filter(from_step__pathway=pathway).delete()
    keep = [s["id"] for s in data["steps"]]
    pathway.steps.exclude(pk__in=keep).delete()
    existing = {
        "program_id": set(Program.objects.values_list("pk", flat=True)),
        "credential_id": set(Credential.objects.values_list("pk", flat=True)),
        "occupation_id": set(Occupation.objects.values_list("pk", flat=True)),
        "provider_id": set(Organization.objects.values_list("pk", flat=True)),
    }
    for s in data["steps"]:
        fields = {k: s[k] for k in STEP_FIELDS}
        for key, ids in existing.items():
            if fields[key] not in ids:
                fields[key] = None
        Step.objects.update_or_create(pk=s["id"], defaults={"pathway": pathway, **fields})
    StepLink.objects.bulk_create(
        StepLink(from_step_id=a, to_step_id=b, kind=kind) for a, b, kind in data["links"]
    )
    reset_sequences(Step)
