from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.access import open_to_read_only
from common.forms import guards_stale_saves
from common.htmx import render_page
from partners import actions
from partners.access import get_organization_for, invitable_roles_for, require_backbone
from partners.auth import normalize_login
from partners.forms import (
    AcceptInvitationForm,
    ContactFormSet,
    InvitationForm,
    OrganizationCreateForm,
    OrganizationForm,
)
from partners.models import ApiToken, Invitation, Organization, SectorType, User
from partners.roles import roles_for


@login_required
@require_GET
def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = Organization.objects.order_by("name")
    sector = request.GET.get("sector", "")
    if sector in SectorType.values:
        organizations = organizations.filter(sector_type=sector)
    else:
        sector = ""
    context = {
        "organizations": organizations,
        "sectors": SectorType.choices,
        "sector": sector,
        "counts": dict(
            Organization.objects.values_list("sector_type").annotate(n=Count("id")).order_by()
        ),
    }
    return render_page(request, "partners/organization_list.html", context, fragment="results")


@login_required
@require_GET
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_organization_for(request.user, slug)
    roles = roles_for(request.user)
    insider = roles.backbone or roles.is_member_of(organization.pk)
    context = {
        "organization": organization,
        "contacts": organization.contacts.all(),
        "people": (
            organization.memberships.select_related("user").order_by("user__email")
            if insider
            else None
        ),
        "can_edit": roles.backbone or roles.is_lead_of(organization.pk),
        "can_invite": roles.backbone or roles.is_lead_of(organization.pk),
    }
    return render(request, "partners/organization_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_organization_for(request.user, slug, write=True)
    before = (organization.county, organization.sector_type)
    form = OrganizationForm(
        request.POST or None, instance=organization, may_place=roles_for(request.user).backbone
    )
    formset = ContactFormSet(request.POST or None, instance=organization, prefix="contacts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        organization = actions.save_organization(form, formset, before, by=request.user)
        messages.success(request, _("The organization's profile was saved."))
        return redirect(organization)
    status = 400 if request.method == "POST" else 200
    context = {"organization": organization, "form": form, "formset": formset}
    return render(request, "partners/organization_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    require_backbone(request.user)
    form = OrganizationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = actions.create_organization(form)
        messages.success(request, _("The organization was added to the directory."))
        return redirect(organization)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "partners/organization_form.html", {"form": form, "creating": True}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_organization_for(request.user, slug)
    role_choices = invitable_roles_for(request.user, organization)
    form = InvitationForm(request.POST or None, role_choices=role_choices)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if organization.memberships.filter(user__email=normalize_login(email)).exists():
            form.add_error("email", _("This person already belongs to this organization."))
        else:
            actions.invite(
                email=email,
                organization=organization,
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link works once, for %(days)s days.")
                % {"email": email, "days": settings.INVITATION_VALID_DAYS},
            )
            return redirect(organization)
    status = 400 if request.method == "POST" else 200
    context = {"organization": organization, "form": form}
    return render(request, "partners/invitation_form.html", context, status=status)


@open_to_read_only
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.for_token(token).select_related("organization").first()
    if invitation is None or invitation.is_used or invitation.is_expired:
        reason = "unknown" if invitation is None else ("used" if invitation.is_used else "expired")
        return render(request, "partners/invitation_invalid.html", {"reason": reason}, status=410)
    existing = User.objects.filter(email=normalize_login(invitation.email)).first()
    context = {"invitation": invitation, "existing": existing}
    if existing is not None:
        # The person already has an account: they accept it signed in as themselves.
        if not request.user.is_authenticated or request.user.pk != existing.pk:
            context["wrong_account"] = request.user.is_authenticated
            return render(request, "partners/invitation_login.html", context)
        if request.method == "POST":
            try:
                actions.accept_invitation(invitation, user=existing)
            except ValidationError as error:
                messages.error(request, error.messages[0])
                return redirect("home")
            messages.success(
                request, _("You joined %(org)s.") % {"org": invitation.organization.name}
            )
            return redirect("home")
        return render(request, "partners/invitation_confirm.html", context)

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.accept_invitation(
                invitation,
                user=None,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError:
            return render(
                request, "partners/invitation_invalid.html", {"reason": "used"}, status=410
            )
        login(request, user, backend="config.auth.PersonBackend")
        messages.success(
            request,
            _("Welcome! You joined %(org)s.") % {"org": invitation.organization.name},
        )
        return redirect("home")
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/invitation_accept.html", context, status=status)


@login_required
@require_GET
def invitation_list(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_organization_for(request.user, slug)
    invitable_roles_for(request.user, organization)
    invitations = organization.invitations.select_related("invited_by", "accepted_by")
    return render(
        request,
        "partners/invitation_list.html",
        {"organization": organization, "invitations": invitations},
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_lazy("What the token is for"), max_length=100, help_text=_lazy("e.g. Data warehouse")
    )


@open_to_read_only
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """A person's own API tokens: create one (shown once) or revoke one."""
    form = TokenForm(request.POST or None)
    new_key = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _token, new_key = ApiToken.issue(request.user, form.cleaned_data["name"])
            form = TokenForm()
        else:
            status = 400
    tokens = ApiToken.objects.visible_to(request.user)
    context = {"tokens": tokens, "form": form, "new_key": new_key}
    return render(request, "partners/token_list.html", context, status=status)


@open_to_read_only
@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
    actions.revoke_token(token)
    messages.success(request, _("The token was revoked."))
    return redirect("token_list")
