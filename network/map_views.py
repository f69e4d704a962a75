"""The network map and its health: who works with whom, and is one organization the hub?"""

from datetime import date
from functools import lru_cache

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from common.forms import DateInput
from common.htmx import page_around
from network.access import get_network_for
from network.map import cached_network_html


class DayForm(forms.Form):
    on = forms.DateField(
        label=_("Show the network on"),
        required=False,
        widget=DateInput,
        help_text=_("Partnerships active on this day; today if empty."),
    )


@lru_cache(maxsize=4)
def _todays_field(language: str, today: date) -> str:
    """The day field as it stands before anything is chosen, drawn once a day per language
    in each process (``language`` names the translation active while it is drawn)."""
    return DayForm(initial={"on": today})["on"].as_field_group()


@login_required
@require_GET
def network(request: HttpRequest) -> HttpResponse:
    roles = get_network_for(request.user)
    today = timezone.localdate()
    form = DayForm(request.GET or None)
    day = today
    if form.is_bound and form.is_valid() and form.cleaned_data["on"]:
        day = form.cleaned_data["on"]
    elif not form.is_bound:
        form = DayForm(initial={"on": today})
    context = {
        "form": form,
        # Unfilled, the field shows today: the same for everyone on the same day.
        "day_field_html": None if form.is_bound else _todays_field(get_language(), today),
        "today": today,
        "can_record": not roles.read_only and (roles.backbone or bool(roles.lead_org_ids)),
    }
    return page_around(
        request, "network/network.html", cached_network_html(day), context, key="network_html"
    )
