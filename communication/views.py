"""Continuous communication: the updates feed, meetings with decisions and action items,
notifications, email preferences and unsubscribing, and the reminder schedule.

Who may do what (one access helper per resource, below):

- every signed-in person reads the updates and the meetings; funders only read (403 on
  every write);
- partners and backbone staff post updates in the name of one of their organizations or of a
  working group they belong to, and comment;
- backbone staff create and edit any meeting; a working group's current lead creates and
  edits that group's meetings;
- an action's owner, or backbone staff, marks it done;
- each person reads and marks their own notifications, and sets their own email preferences
  (funders too); an unsubscribe link works without signing in;
- backbone staff set the reminder schedule.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.access import open_to_read_only
from common.forms import guards_stale_saves
from common.htmx import is_fragment_request, render_page
from communication import actions as communication
from communication import emails
from communication.access import (
    can_edit_meeting,
    get_action_for,
    get_meeting_for,
    get_notification_for,
    get_post_for,
    led_groups,
    meeting_groups_for,
    posting_identities_for,
)
from communication.forms import (
    ActionItemFormSet,
    CommentForm,
    DecisionFormSet,
    EmailPreferenceForm,
    FeedFilterForm,
    MeetingForm,
    PostForm,
    ReminderScheduleForm,
    owner_choices,
)
from communication.models import (
    ActionItem,
    EmailPreference,
    Meeting,
    Notification,
    Post,
    ReminderSchedule,
    ReminderSent,
)
from network.models import WorkingGroup
from partners.access import require_backbone
from partners.models import Organization
from partners.roles import roles_for

FEED_PAGE_SIZE = 20
MEETINGS_PAGE_SIZE = 20
NOTIFICATIONS_PAGE_SIZE = 50

# Access: one helper per resource ----------------------------------------------------------


# Updates ----------------------------------------------------------------------------------


@login_required
@require_GET
def updates(request: HttpRequest) -> HttpResponse:
    """The feed, newest first, filtered by organization or working group in the URL."""
    roles = roles_for(request.user)
    organizations = list(
        Organization.objects.filter(posts__isnull=False).distinct().order_by("name")
    )
    groups = list(WorkingGroup.objects.order_by("name"))
    filters = FeedFilterForm(
        initial=request.GET.dict(), organizations=organizations, working_groups=groups
    )
    posts = (
        Post.objects.select_related("author", "organization", "working_group")
        .annotate(comment_count=Count("comments"))
        .order_by("-created_at", "-pk")
    )
    # Filter by the slugs as given, so that one naming nothing shows nothing (not everything).
    chosen = {}
    if slug := request.GET.get("organization", ""):
        posts = posts.filter(organization__slug=slug)
        chosen["organization"] = next((o for o in organizations if o.slug == slug), None)
    if slug := request.GET.get("working_group", ""):
        posts = posts.filter(working_group__slug=slug)
        chosen["working_group"] = next((g for g in groups if g.slug == slug), None)
    page = Paginator(posts, FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "chosen": chosen,
        "query": query.urlencode(),
        "can_post": not roles.read_only,
    }
    return render_page(request, "communication/updates.html", context, fragment="feed")


@login_required
@require_http_methods(["GET", "POST"])
def post_create(request: HttpRequest) -> HttpResponse:
    organizations, groups = posting_identities_for(request.user)
    form = PostForm(
        request.POST if request.method == "POST" else None,
        organizations=list(organizations),
        working_groups=list(groups),
        initial={"posting_as": request.GET.get("as", "")},
    )
    if request.method == "POST" and form.is_valid():
        post = communication.create_post(
            author=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            **form.author_names(),
        )
        messages.success(request, _("Your update was posted."))
        return redirect("post_detail", pk=post.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "communication/post_form.html", {"form": form}, status=status)


def _post_context(request: HttpRequest, post: Post, form: CommentForm | None = None) -> dict:
    roles = roles_for(request.user)
    return {
        "post": post,
        "comments": post.comments.select_related("author"),
        "form": form or CommentForm(),
        "can_comment": not roles.read_only,
    }


@login_required
@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for(request.user, pk)
    return render(request, "communication/post_detail.html", _post_context(request, post))


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a comment. With htmx the comments are swapped in place; without, the page reloads."""
    post = get_post_for(request.user, pk, write=True)
    form = CommentForm(request.POST)
    fragment = is_fragment_request(request)
    if form.is_valid():
        comment = communication.add_comment(
            post, author=request.user, body=form.cleaned_data["body"]
        )
        if fragment:
            context = {**_post_context(request, post), "added": comment}
            return render(request, "communication/post_detail.html#comments", context)
        messages.success(request, _("Your comment was added."))
        return redirect(reverse("post_detail", args=[post.pk]) + f"#comment-{comment.pk}")
    context = _post_context(request, post, form)
    if fragment:
        # htmx swaps only successful responses: the form comes back with its errors.
        return render(request, "communication/post_detail.html#comments", context)
    return render(request, "communication/post_detail.html", context, status=400)


# Meetings ---------------------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    roles = roles_for(request.user)
    now = timezone.now()
    meetings = Meeting.objects.select_related("working_group").annotate(
        decision_count=Count("decisions", distinct=True),
        open_actions=Count(
            "action_items", filter=Q(action_items__done_at__isnull=True), distinct=True
        ),
    )
    upcoming = meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")
    past = Paginator(
        meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk"), MEETINGS_PAGE_SIZE
    )
    can_create = roles.backbone or (not roles.read_only and led_groups(request.user).exists())
    context = {
        "upcoming": upcoming,
        "past": past.get_page(request.GET.get("page")),
        "can_create": can_create,
    }
    return render(request, "communication/meeting_list.html", context)


@guards_stale_saves
def _meeting_form_page(request: HttpRequest, meeting: Meeting | None) -> HttpResponse:
    groups, group_required = meeting_groups_for(request.user)
    data = request.POST if request.method == "POST" else None
    instance = meeting or Meeting()
    initial = {}
    if meeting is None and request.GET.get("group"):
        group = groups.filter(slug=request.GET["group"]).first()
        initial["working_group"] = group.pk if group else None
    form = MeetingForm(
        data,
        instance=meeting,
        working_groups=groups,
        group_required=group_required,
        initial=initial,
    )
    decisions = DecisionFormSet(data, instance=instance, prefix="decisions")
    actions = ActionItemFormSet(
        data,
        instance=instance,
        prefix="actions",
        queryset=ActionItem.objects.select_related("owner"),
        form_kwargs={"owner_choices": owner_choices()},
    )
    if data is not None and all(
        [form.is_valid(), decisions.is_valid(), actions.is_valid()]  # every error at once
    ):
        saved = communication.save_meeting(form, decisions, actions, by=request.user)
        messages.success(request, _("The meeting was saved."))
        return redirect("meeting_detail", pk=saved.pk)
    context = {"meeting": meeting, "form": form, "decisions": decisions, "actions": actions}
    status = 400 if data is not None else 200
    return render(request, "communication/meeting_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    return _meeting_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, pk, write=True)
    return _meeting_form_page(request, meeting)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, pk)
    roles = roles_for(request.user)
    context = {
        "meeting": meeting,
        "decisions": meeting.decisions.order_by("pk"),
        "actions": meeting.action_items.select_related("owner"),
        "can_edit": can_edit_meeting(roles, request.user, meeting),
        "can_mark_any": roles.backbone,
        "today": timezone.localdate(),
    }
    return render(request, "communication/meeting_detail.html", context)


@login_required
@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    """The actions this person owns: open ones by due date, then the latest done."""
    mine = ActionItem.objects.filter(owner=request.user).select_related(
        "meeting", "meeting__working_group"
    )
    context = {
        "open": mine.filter(done_at__isnull=True).order_by("due", "pk"),
        "done": mine.filter(done_at__isnull=False).order_by("-done_at")[:20],
        "today": timezone.localdate(),
    }
    return render(request, "communication/my_actions.html", context)


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an action done (``done=0`` opens it again); back to where the form was."""
    item = get_action_for(request.user, pk)
    done = request.POST.get("done", "1") != "0"
    communication.set_action_done(item, done)
    if done:
        messages.success(request, _("“%(text)s” is done.") % {"text": item.text})
    else:
        messages.success(request, _("“%(text)s” is open again.") % {"text": item.text})
    target = request.POST.get("next", "")
    if target not in (reverse("my_actions"), reverse("meeting_detail", args=[item.meeting_id])):
        target = reverse("meeting_detail", args=[item.meeting_id])
    return redirect(target)


# Notifications ----------------------------------------------------------------------------


def _notifications_context(request: HttpRequest) -> dict:
    notifications = Notification.objects.visible_to(request.user).order_by("-created_at", "-pk")
    page = Paginator(notifications, NOTIFICATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page": page,
        "open_actions": ActionItem.objects.filter(owner=request.user, done_at__isnull=True).count(),
    }


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    context = _notifications_context(request)
    return render_page(request, "communication/notifications.html", context, fragment="list")


def _after_marking(request: HttpRequest) -> HttpResponse:
    if is_fragment_request(request):
        context = _notifications_context(request)
        return render(request, "communication/notifications.html#list", context)
    return redirect("notifications")


@open_to_read_only
@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for(request.user, pk)
    communication.mark_read(request.user, [notification.pk])
    return _after_marking(request)


@open_to_read_only
@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    communication.mark_read(request.user)
    if not is_fragment_request(request):
        messages.success(request, _("All your notifications are marked read."))
    return _after_marking(request)


# Email ------------------------------------------------------------------------------------


@open_to_read_only
@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request: HttpRequest) -> HttpResponse:
    """What this person wants by email (funders too: it is their own account)."""
    preference = EmailPreference.objects.filter(user=request.user).first() or EmailPreference(
        user=request.user
    )
    form = EmailPreferenceForm(
        request.POST if request.method == "POST" else None, instance=preference
    )
    if request.method == "POST" and form.is_valid():
        communication.save_settings(form)
        messages.success(request, _("Your email preferences were saved."))
        return redirect("email_preferences")
    status = 400 if request.method == "POST" else 200
    return render(request, "communication/email_preferences.html", {"form": form}, status=status)


@open_to_read_only
@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no session
@require_http_methods(["GET", "POST"])
def email_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link turns off, with one button; POST turns it off. The signed
    token is the only authority: no sign-in, no CSRF token (this view alone)."""
    try:
        user, purpose = emails.read_unsubscribe_token(token)
    except emails.ExpiredToken:
        return render(request, "communication/unsubscribe.html", {"state": "expired"}, status=410)
    except emails.BadToken:
        return render(request, "communication/unsubscribe.html", {"state": "invalid"}, status=400)
    context = {"email": user.email, "purpose_label": emails.PURPOSES[purpose], "token": token}
    if request.method == "POST":
        emails.unsubscribe(user, purpose)
        return render(request, "communication/unsubscribe.html", {**context, "state": "done"})
    return render(request, "communication/unsubscribe.html", {**context, "state": "confirm"})


# Reminders --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def reminders(request: HttpRequest) -> HttpResponse:
    """The schedule of reminders of reports due and overdue (backbone staff)."""
    require_backbone(request.user)
    schedule = ReminderSchedule.load()
    form = ReminderScheduleForm(
        request.POST if request.method == "POST" else None, instance=schedule
    )
    if request.method == "POST" and form.is_valid():
        communication.save_settings(form)
        messages.success(request, _("The reminder schedule was saved."))
        return redirect("reminders")
    context = {
        "form": form,
        "recent": ReminderSent.objects.select_related("organization").order_by("-sent_at")[:20],
        "now": emails.reminders_now(timezone.localdate()),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "communication/reminders.html", context, status=status)


@login_required
@require_POST
def reminders_send(request: HttpRequest) -> HttpResponse:
    """Send now the reminders the page previews (backbone staff)."""
    require_backbone(request.user)
    sent = communication.send_reminders_now(timezone.localdate())
    if sent:
        messages.success(
            request,
            ngettext(
                "A reminder of %(count)s report was sent.",
                "Reminders of %(count)s reports were sent.",
                sent,
            )
            % {"count": sent},
        )
    else:
        messages.info(request, _("No reminder was sent: each was already sent today."))
    return redirect("reminders")
