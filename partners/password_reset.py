"""Password resets, throttled per address and per client.

Beyond the limits the page answers as usual ("sent, if the address has an account"), so it
tells nobody whether an address exists, but no email goes out.
"""

from datetime import timedelta

from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils import timezone

from partners.auth import normalize_login
from partners.models import PasswordResetRequest

WINDOW = timedelta(hours=1)
PER_ADDRESS = 3
PER_CLIENT = 10


def allowed(address: str, client: str | None) -> bool:
    """Record the request; whether it is within the limits of the last hour."""
    address = normalize_login(address)
    since = timezone.now() - WINDOW
    with transaction.atomic():
        recent = PasswordResetRequest.objects.filter(at__gte=since)
        within = recent.filter(address=address).count() < PER_ADDRESS and (
            client is None or recent.filter(client=client).count() < PER_CLIENT
        )
        PasswordResetRequest.objects.create(address=address, client=client)
        PasswordResetRequest.objects.filter(at__lt=since - WINDOW).delete()
    return within


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        if allowed(form.cleaned_data["email"], self.request.META.get("REMOTE_ADDR")):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())
