"""Partnerships (the network's edges) and working groups.

Every signed-in person reads them. Backbone staff record and edit any partnership; a partner
lead records and edits the partnerships of the organizations they lead. Backbone staff create
and edit working groups; backbone staff or a group's current lead manage its members and hand
the lead on. Read-only people (funders) change nothing.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.forms import guards_stale_saves
from common.htmx import render_page
from network import actions
from network.access import (
    can_edit_partnership,
    can_manage_group,
    current_lead_term,
    get_group_for,
    get_partnership_for,
    require_partnership_recorder,
)
from network.actions import add_member, remove_member, rotate_lead, save_partnership
from network.forms import (
    AddMemberForm,
    PartnershipFilterForm,
    PartnershipForm,
    RotateLeadForm,
    WorkingGroupForm,
)
from network.models import LeadTerm, Partnership, WorkingGroup
from partners.access import require_backbone
from partners.models import Membership, SectorType, User
from partners.roles import roles_for

# Access: one helper per resource ------------------------------------------------------------


# Partnerships ----------------------------------------------------------------------------


@login_required
@require_GET
def partnership_list(request: HttpRequest) -> HttpResponse:
    roles = roles_for(request.user)
    today = timezone.localdate()
    filters = PartnershipFilterForm(request.GET or None)
    partnerships = filters.filter(
        Partnership.objects.select_related("first", "second").prefetch_related(
            Prefetch("pathways", queryset=_pathways_queryset())
        ),
        today,
    )
    partnerships = list(partnerships.order_by("-start", "pk"))
    context = {
        "partnerships": partnerships,
        "filters": filters,
        "today": today,
        "editable": {p.pk for p in partnerships if can_edit_partnership(roles, p)},
        "can_create": not roles.read_only and (roles.backbone or bool(roles.lead_org_ids)),
    }
    return render_page(request, "network/partnership_list.html", context, fragment="results")


def _pathways_queryset():
    from pathways.models import Pathway  # pathways sit to the right of partners

    return Pathway.objects.order_by("title").only("pk", "slug", "title")


@login_required
@require_GET
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk)
    context = {
        "partnership": partnership,
        "pathways": list(_pathways_queryset().filter(partnerships=partnership)),
        "can_edit": can_edit_partnership(roles_for(request.user), partnership),
        "active": partnership.is_active_on(timezone.localdate()),
    }
    return render(request, "network/partnership_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def partnership_create(request: HttpRequest) -> HttpResponse:
    roles = require_partnership_recorder(request.user)
    form = PartnershipForm(request.POST if request.method == "POST" else None, roles=roles)
    if request.method == "POST" and form.is_valid():
        partnership = save_partnership(form, by=request.user)
        messages.success(request, _("The partnership was recorded."))
        return redirect("partnership_detail", pk=partnership.pk)
    return _partnership_form(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for(request.user, pk, write=True)
    roles = roles_for(request.user)
    data = request.POST if request.method == "POST" else None
    form = PartnershipForm(data, instance=partnership, roles=roles)
    if request.method == "POST" and form.is_valid():
        save_partnership(form, by=request.user)
        messages.success(request, _("The partnership was saved."))
        return redirect("partnership_detail", pk=partnership.pk)
    return _partnership_form(request, form, partnership)


def _partnership_form(request, form, partnership):
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "partnership": partnership}
    return render(request, "network/partnership_form.html", context, status=status)


# Working groups --------------------------------------------------------------------------


def _sector_label(value: str) -> str:
    return str(SectorType(value).label) if value in SectorType.values else value


@login_required
@require_GET
def working_group_list(request: HttpRequest) -> HttpResponse:
    roles = roles_for(request.user)
    groups = list(
        WorkingGroup.objects.annotate(member_count=Count("members", distinct=True))
        .prefetch_related(
            Prefetch(
                "lead_terms",
                queryset=LeadTerm.objects.filter(end__isnull=True).select_related("lead"),
                to_attr="open_terms",
            )
        )
        .order_by("name")
    )
    sectors = defaultdict(set)
    for group_id, sector in (
        WorkingGroup.members.through.objects.filter(user__memberships__isnull=False)
        .values_list("workinggroup_id", "user__memberships__organization__sector_type")
        .distinct()
    ):
        sectors[group_id].add(sector)
    rows = [
        {
            "group": group,
            "lead": group.open_terms[0].lead if group.open_terms else None,
            "sectors": sorted(_sector_label(s) for s in sectors[group.pk]),
            "one_sector": len(sectors[group.pk]) == 1,
        }
        for group in groups
    ]
    return render(
        request,
        "network/working_group_list.html",
        {"rows": rows, "can_create": roles.backbone},
    )


def _members(group: WorkingGroup) -> list[User]:
    return list(
        group.members.order_by("full_name", "email").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organization").order_by(
                    "organization__name"
                ),
            )
        )
    )


def sectors_of(members: list[User]) -> list[dict]:
    """The sector types of the members' organizations, each with its organizations."""
    by_sector: dict[str, dict] = {}
    for member in members:
        for membership in member.memberships.all():
            org = membership.organization
            by_sector.setdefault(org.sector_type, {})[org.pk] = org
    order = {value: n for n, value in enumerate(SectorType.values)}
    return [
        {
            "sector": _sector_label(sector),
            "organizations": sorted(orgs.values(), key=lambda o: o.name),
        }
        for sector, orgs in sorted(by_sector.items(), key=lambda item: order.get(item[0], 99))
    ]


@login_required
@require_GET
def working_group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_for(request.user, slug)
    roles = roles_for(request.user)
    members = _members(group)
    terms = list(group.lead_terms.select_related("lead").order_by("-start", "-pk"))
    current = next((t for t in terms if t.end is None), None)
    sectors = sectors_of(members)
    context = {
        "group": group,
        "members": members,
        "sectors": sectors,
        "one_sector": len(sectors) == 1,
        "current": current,
        "terms": terms,
        "can_edit": roles.backbone,
        "can_manage": can_manage_group(roles, request.user, current),
    }
    return render(request, "network/working_group_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def working_group_create(request: HttpRequest) -> HttpResponse:
    require_backbone(request.user)
    form = WorkingGroupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        group = actions.save_working_group(form)
        messages.success(request, _("The working group was created. Add its members next."))
        return redirect("working_group_members", slug=group.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "network/working_group_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def working_group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_for(request.user, slug, edit=True)
    form = WorkingGroupForm(request.POST if request.method == "POST" else None, instance=group)
    if request.method == "POST" and form.is_valid():
        actions.save_working_group(form)
        messages.success(request, _("The working group was saved."))
        return redirect("working_group_detail", slug=group.slug)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "group": group}
    return render(request, "network/working_group_form.html", context, status=status)


def _members_page(request, group, form, *, status=200, error=""):
    context = {
        "group": group,
        "members": _members(group),
        "current": current_lead_term(group),
        "form": form,
        "error": error,
    }
    return render(request, "network/working_group_members.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def working_group_members(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's members, each with a button to remove them, and a form to add someone."""
    group = get_group_for(request.user, slug, manage=True)
    form = AddMemberForm(request.POST if request.method == "POST" else None, group=group)
    if request.method == "POST":
        if form.is_valid():
            user = form.cleaned_data["user"]
            add_member(group, user)
            messages.success(request, _("%(name)s joined the group.") % {"name": user})
            return redirect("working_group_members", slug=group.slug)
        return _members_page(request, group, form, status=400)
    return _members_page(request, group, form)


@login_required
@require_POST
def working_group_member_remove(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    group = get_group_for(request.user, slug, manage=True)
    user = get_object_or_404(group.members, pk=user_id)
    try:
        remove_member(group, user)
    except ValidationError as error:
        return _members_page(
            request, group, AddMemberForm(group=group), status=400, error=error.messages[0]
        )
    messages.success(request, _("%(name)s left the group.") % {"name": user})
    return redirect("working_group_members", slug=group.slug)


@login_required
@require_http_methods(["GET", "POST"])
def working_group_lead(request: HttpRequest, slug: str) -> HttpResponse:
    """Hand the lead to another member: today closes the open term and opens the new one."""
    group = get_group_for(request.user, slug, manage=True)
    members = _members(group)
    term = current_lead_term(group)
    current = term.lead if term else None
    data = request.POST if request.method == "POST" else None
    form = RotateLeadForm(data, group=group, members=members, current_lead=current)
    if request.method == "POST" and form.is_valid():
        lead = form.cleaned_data["lead"]
        rotate_lead(group, lead)
        messages.success(request, _("%(name)s now leads the group.") % {"name": lead})
        return redirect(reverse("working_group_detail", args=[group.slug]) + "#leads")
    status = 400 if request.method == "POST" else 200
    context = {"group": group, "form": form, "current": term, "members": members}
    return render(request, "network/working_group_lead.html", context, status=status)
