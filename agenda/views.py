from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agenda import actions, protection, versions
from agenda.access import (
    get_agenda_for,
    get_goal_for,
    get_strategy_for,
)
from agenda.forms import (
    AgendaForm,
    DeleteForm,
    GoalForm,
    RestoreForm,
    StrategyForm,
    TargetsForm,
)
from agenda.models import Agenda, AgendaVersion, Goal
from measures import publication
from measures.access import get_indicator_for

# The common agenda ----------------------------------------------------------------------


@login_required
@require_GET
def agenda_detail(request: HttpRequest) -> HttpResponse:
    """The published agenda: every signed-in role reads it; it prints cleanly."""
    get_agenda_for(request.user)
    goals = Goal.objects.prefetch_related("strategies", "indicators")
    latest = AgendaVersion.objects.select_related("created_by").first()
    return render(
        request,
        "agenda/agenda_detail.html",
        {"agenda": Agenda.load(), "goals": goals, "latest": latest},
    )


def _versioned_edit(request, form, template, context, default_summary, success_url):
    """Shared by the agenda's edit pages: save with a version, or show the form again.
    A stale form keeps what was typed (the form moves its base to the latest version)."""
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_form(form, request.user, default_summary)
        except actions.Stale as stale:
            form.mark_stale(stale.latest)
        else:
            messages.success(request, _("Saved. The change is kept in the agenda's history."))
            return redirect(success_url)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)


def _initial():
    return {"base_version": versions.latest_number()}


@login_required
@require_http_methods(["GET", "POST"])
def agenda_edit(request: HttpRequest) -> HttpResponse:
    get_agenda_for(request.user, write=True)
    agenda = Agenda.load()
    form = AgendaForm(request.POST or None, instance=agenda, initial=_initial())
    return _versioned_edit(
        request,
        form,
        "agenda/agenda_form.html",
        {"heading": _("Edit the vision")},
        _("Edited the vision"),
        reverse("agenda"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest) -> HttpResponse:
    get_agenda_for(request.user, write=True)
    form = GoalForm(request.POST or None, initial={**_initial(), "order": Goal.objects.count()})
    return _versioned_edit(
        request,
        form,
        "agenda/agenda_form.html",
        {"heading": _("Add a goal")},
        _("Added a goal"),
        reverse("agenda"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for(request.user, pk)
    form = GoalForm(request.POST or None, instance=goal, initial=_initial())
    return _versioned_edit(
        request,
        form,
        "agenda/agenda_form.html",
        {"heading": _("Edit goal: %(title)s") % {"title": goal.title}, "goal": goal},
        _("Edited goal “%(title)s”") % {"title": goal.title},
        reverse("agenda") + f"#goal-{goal.pk}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def strategy_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for(request.user, pk)
    form = StrategyForm(
        request.POST or None, initial={**_initial(), "order": goal.strategies.count()}
    )
    if request.method == "POST":
        form.instance.goal = goal
    return _versioned_edit(
        request,
        form,
        "agenda/agenda_form.html",
        {"heading": _("Add a strategy to “%(title)s”") % {"title": goal.title}, "goal": goal},
        _("Added a strategy to “%(title)s”") % {"title": goal.title},
        reverse("agenda") + f"#goal-{goal.pk}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def strategy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_strategy_for(request.user, pk)
    form = StrategyForm(request.POST or None, instance=strategy, initial=_initial())
    return _versioned_edit(
        request,
        form,
        "agenda/agenda_form.html",
        {"heading": _("Edit strategy: %(title)s") % {"title": strategy.title}},
        _("Edited strategy “%(title)s”") % {"title": strategy.title},
        reverse("agenda") + f"#goal-{strategy.goal_id}",
    )


def _delete(request, instance, summary):
    form = DeleteForm(request.POST or None, initial=_initial())
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.delete(
                instance,
                request.user,
                form.cleaned_data["summary"] or summary,
                base=form.cleaned_data["base_version"],
            )
        except actions.Stale as stale:
            form.mark_stale(stale.latest)
        except ProtectedError as error:
            # Commitments are recorded under it (or under one of the goal's strategies):
            # refuse, name them, and change nothing.
            form.add_error(None, protection.protected_delete_message(instance, error))
            status = 409
        else:
            messages.success(request, _("Deleted. The history can restore it."))
            return redirect("agenda")
    return render(
        request, "agenda/confirm_delete.html", {"form": form, "thing": instance}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for(request.user, pk)
    return _delete(request, goal, _("Deleted goal “%(title)s”") % {"title": goal.title})


@login_required
@require_http_methods(["GET", "POST"])
def strategy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = get_strategy_for(request.user, pk)
    return _delete(request, strategy, _("Deleted strategy “%(title)s”") % {"title": strategy.title})


def _region_figure(indicator, period):
    """The region's approved total for a period, as backbone staff read it; None if none."""
    totals = publication.region_totals([indicator], period, publication.Audience.dashboard(True))
    return totals[indicator.pk].value if indicator.pk in totals else None


@login_required
@require_http_methods(["GET", "POST"])
def targets_edit(request: HttpRequest, code: str) -> HttpResponse:
    get_agenda_for(request.user, write=True)
    indicator = get_indicator_for(request.user, code, write=True)  # its targets change
    current = list(indicator.targets.all())
    baseline = next((t for t in current if t.kind == "baseline"), None)
    initial = {
        **_initial(),
        "baseline_period": baseline.period.key if baseline else "",
        "baseline_value": baseline.value.normalize() if baseline else None,
        "target_rows": [
            {"period": t.period.key, "value": t.value.normalize()}
            for t in current
            if t.kind == "target"
        ],
    }
    form = TargetsForm(
        request.POST or None,
        initial=initial,
        indicator=indicator,
        region_figure=lambda period: _region_figure(indicator, period),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_targets(
                indicator,
                form.baseline(),
                form.cleaned_data["targets"],
                request.user,
                form.cleaned_data["summary"]
                or _("Set the baseline and targets of “%(name)s”") % {"name": indicator.name},
                base=form.cleaned_data["base_version"],
            )
        except actions.Stale as stale:
            form.mark_stale(stale.latest)
        else:
            messages.success(request, _("Baseline and targets saved."))
            return redirect("indicator_dashboard", indicator.code)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "indicator": indicator,
        "periods": indicator.period_types,
    }
    return render(request, "agenda/targets_form.html", context, status=status)


@login_required
@require_GET
def agenda_history(request: HttpRequest) -> HttpResponse:
    get_agenda_for(request.user)
    history = AgendaVersion.objects.select_related("created_by").defer("snapshot")
    return render(request, "agenda/history.html", {"versions": history})


@login_required
@require_GET
def agenda_version(request: HttpRequest, number: int) -> HttpResponse:
    """One version, and what it changed from the one before (or from ``?against=N``)."""
    roles = get_agenda_for(request.user)
    version = get_object_or_404(AgendaVersion.objects.select_related("created_by"), number=number)
    against_number = request.GET.get("against", "")
    if against_number.isdigit():
        against = get_object_or_404(AgendaVersion, number=int(against_number))
    else:
        against = AgendaVersion.objects.filter(number__lt=number).first()
    context = {
        "version": version,
        "against": against,
        "lines": versions.diff(against.snapshot if against else None, version.snapshot),
        "latest": versions.latest_number(),
        "restore_form": RestoreForm(initial=_initial()) if roles.backbone else None,
    }
    return render(request, "agenda/version.html", context)


@login_required
@require_POST
def agenda_restore(request: HttpRequest, number: int) -> HttpResponse:
    get_agenda_for(request.user, write=True)
    version = get_object_or_404(AgendaVersion, number=number)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("agenda_version", number)
    try:
        restored = actions.restore(
            version,
            request.user,
            form.cleaned_data["summary"],
            base=form.cleaned_data["base_version"],
        )
    except actions.Stale as stale:
        messages.error(
            request,
            _(
                "Someone else saved the agenda (version %(latest)s) since you opened this "
                "page. Nothing was restored: check the history, then restore again."
            )
            % {"latest": stale.latest},
        )
        return redirect("agenda_version", number)
    except ProtectedError as error:
        # The version would delete a strategy that commitments are recorded under.
        messages.error(request, protection.protected_restore_message(version.number, error))
        return redirect("agenda_version", number)
    messages.success(
        request,
        _("Version %(old)s restored as version %(new)s.")
        % {"old": version.number, "new": restored.number},
    )
    return redirect("agenda")
