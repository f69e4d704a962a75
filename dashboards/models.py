"""Share links: read-only links to the agenda dashboard for people without an account.

(The publication settings themselves live with the figures they govern, in measures.)
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLink(models.Model):
    """A read-only link to the agenda dashboard for people without an account. Only the
    token's digest is stored; the link is shown once, when it is made."""

    label = models.CharField(
        _("label"), max_length=200, help_text=_("Who the link is for, e.g. “County commissioners”.")
    )
    token_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "agenda_sharelink"  # the table it had before dashboards had an app
        ordering = ["-created_at"]

    def __str__(self):
        return self.label

    @classmethod
    def new(cls, *, label: str, created_by, expires_at) -> tuple["ShareLink", str]:
        token = secrets.token_urlsafe(24)
        link = cls(
            label=label, token_digest=_digest(token), created_by=created_by, expires_at=expires_at
        )
        return link, token

    @classmethod
    def find(cls, token: str) -> "ShareLink | None":
        return cls.objects.filter(token_digest=_digest(token)).first()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
