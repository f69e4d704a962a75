"""Versions of the common agenda: a snapshot of everything, a readable diff, and restore.

A snapshot is plain JSON: the title and vision; each goal with its strategies and the codes
of its indicators; each of those indicators' baseline and targets. Goals and strategies keep
their ids, so restoring a version brings back the same rows (and anything that points at them).
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from agenda.apps import VERSION
from agenda.models import Agenda, AgendaVersion, Goal, Strategy
from common.cache import cached, counter
from common.db import reset_sequences
from common.diff import DiffLine, line_diff
from measures.models import Indicator, Target
from measures.periods import Period, parse_period


def snapshot() -> dict:
    agenda = Agenda.load()
    goals = list(Goal.objects.prefetch_related("strategies", "indicators").order_by("order", "pk"))
    codes = sorted({i.code for goal in goals for i in goal.indicators.all()})
    targets: dict[str, dict] = {code: {"baseline": None, "targets": []} for code in codes}
    for target in Target.objects.filter(indicator__code__in=codes).select_related("indicator"):
        row = [target.period.key, _number(target.value)]
        entry = targets[target.indicator.code]
        if target.kind == Target.Kind.BASELINE:
            entry["baseline"] = row
        else:
            entry["targets"].append(row)
    for entry in targets.values():
        entry["targets"].sort(key=lambda row: parse_period(row[0]))
    return {
        "title": str(agenda.title),
        "vision": agenda.vision,
        "goals": [
            {
                "id": goal.pk,
                "title": goal.title,
                "description": goal.description,
                "order": goal.order,
                "indicators": sorted(i.code for i in goal.indicators.all()),
                "strategies": [
                    {
                        "id": s.pk,
                        "title": s.title,
                        "description": s.description,
                        "order": s.order,
                    }
                    for s in goal.strategies.all()
                ],
            }
            for goal in goals
        ],
        "targets": targets,
    }


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def current_agenda() -> Agenda:
    """The agenda's row, to show (never to change: ``Agenda.load()`` reads it for that):
    read once per change of it and shared."""
    return cached("agenda", (), Agenda.load, stamp=counter(VERSION))


def stamp() -> str:
    """What cached entries drawn from the agenda are keyed by: moved on by every version
    recorded (``latest_number`` reads the number itself, for the edit forms' guard)."""
    return counter(VERSION)


def latest_number() -> int:
    return AgendaVersion.objects.aggregate(n=Max("number"))["n"] or 0


def record(by, summary: str) -> AgendaVersion:
    """Keep the agenda as it now stands. Call inside the transaction that changed it."""
    return AgendaVersion.objects.create(
        number=latest_number() + 1, created_by=by, summary=summary[:300], snapshot=snapshot()
    )


def as_text(data: dict) -> list[str]:
    """The snapshot as readable lines, the material of a diff."""
    lines = [f"# {data['title']}", "", "## Vision", *data["vision"].splitlines(), ""]
    targets = data.get("targets", {})
    for goal in data["goals"]:
        lines += [f"## Goal: {goal['title']}", *goal["description"].splitlines()]
        for code in goal["indicators"]:
            lines.append(f"Indicator: {code}")
            entry = targets.get(code) or {}
            if entry.get("baseline"):
                lines.append(f"  Baseline {entry['baseline'][0]}: {entry['baseline'][1]}")
            for key, value in entry.get("targets", []):
                lines.append(f"  Target {key}: {value}")
        for strategy in goal["strategies"]:
            lines += [f"### Strategy: {strategy['title']}", *strategy["description"].splitlines()]
        lines.append("")
    return lines


def diff(old: dict | None, new: dict) -> list[DiffLine]:
    """Line by line, what ``new`` added to and removed from ``old``."""
    return line_diff(as_text(old) if old else [], as_text(new))


@transaction.atomic
def restore(data: dict) -> None:
    """Write the snapshot back: the agenda's text, its goals and strategies (same ids), which
    indicators measure each goal, and those indicators' baselines and targets."""
    agenda = Agenda.load()
    agenda.title, agenda.vision = data["title"], data["vision"]
    agenda.save()
    goal_ids = [g["id"] for g in data["goals"]]
    strategy_ids = [s["id"] for g in data["goals"] for s in g["strategies"]]
    Strategy.objects.exclude(pk__in=strategy_ids).delete()
    Goal.objects.exclude(pk__in=goal_ids).delete()
    indicators = {i.code: i for i in Indicator.objects.all()}
    for goal_data in data["goals"]:
        goal, _created = Goal.objects.update_or_create(
            pk=goal_data["id"],
            defaults={
                "title": goal_data["title"],
                "description": goal_data["description"],
                "order": goal_data["order"],
            },
        )
        goal.indicators.set(
            [indicators[code] for code in goal_data["indicators"] if code in indicators]
        )
        for s in goal_data["strategies"]:
            Strategy.objects.update_or_create(
                pk=s["id"],
                defaults={
                    "goal": goal,
                    "title": s["title"],
                    "description": s["description"],
                    "order": s["order"],
                },
            )
    for code, entry in data.get("targets", {}).items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        baseline = None
        if entry["baseline"]:
            baseline = (parse_period(entry["baseline"][0]), Decimal(entry["baseline"][1]))
        rows = [(parse_period(key), Decimal(value)) for key, value in entry["targets"]]
        set_targets(indicator, baseline, rows)
    reset_sequences(Goal, Strategy)


def set_targets(
    indicator: Indicator,
    baseline: tuple[Period, Decimal] | None,
    targets: list[tuple[Period, Decimal]],
) -> None:
    """Replace the indicator's baseline and targets."""
    indicator.targets.all().delete()
    rows = [
        Target(
            indicator=indicator,
            kind=Target.Kind.TARGET,
            period_type=period.type,
            period_start=period.start,
            value=value,
        )
        for period, value in targets
    ]
    if baseline:
        rows.append(
            Target(
                indicator=indicator,
                kind=Target.Kind.BASELINE,
                period_type=baseline[0].type,
                period_start=baseline[0].start,
                value=baseline[1],
            )
        )
    Target.objects.bulk_create(rows)
