import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.auth import normalize_login


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_login(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Exact: the stored address is normalised too (User.save), and a database's own
        # case-insensitive match (UPPER) would see a dotless ı as an i.
        return self.get(email=normalize_login(username))


class User(AbstractUser):
    """A person. The email address is the login; roles come from memberships."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the pages and of your emails; empty: the browser's."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = normalize_login(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class SectorType(models.TextChoices):
    K12 = "k12", _("K-12 school or district")
    COLLEGE = "college", _("Community or technical college")
    UNIVERSITY = "university", _("University")
    WORKFORCE = "workforce", _("Workforce board")
    EMPLOYER = "employer", _("Employer or industry association")
    NONPROFIT = "nonprofit", _("Youth-serving or community nonprofit")
    GOVERNMENT = "government", _("Government agency")
    FUNDER = "funder", _("Funder or philanthropy")
    BACKBONE = "backbone", _("Backbone organization")


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    sector_type = models.CharField(_("sector type"), max_length=20, choices=SectorType.choices)
    county = models.CharField(_("county"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    reports_from = models.DateField(
        _("reports from"),
        null=True,
        blank=True,
        help_text=_(
            "The first day of the first period this organization reports: nothing is due "
            "for periods that begin before it."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organization_detail", args=[self.slug])

    @property
    def is_backbone(self):
        return self.sector_type == SectorType.BACKBONE

    @property
    def is_funder(self):
        return self.sector_type == SectorType.FUNDER


class PlacementChange(models.Model):
    """A change of an organization's county or type: where it counts in published figures.
    Only backbone staff make one; each is kept."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="placement_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    old_county = models.CharField(max_length=100, blank=True)
    new_county = models.CharField(max_length=100, blank=True)
    old_sector_type = models.CharField(max_length=20)
    new_sector_type = models.CharField(max_length=20)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.organization_id}: {self.old_county}/{self.old_sector_type} → " + (
            f"{self.new_county}/{self.new_sector_type}"
        )


class Contact(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    MEMBER = "member", _("Partner member")
    LEAD = "lead", _("Partner lead")
    BACKBONE = "backbone", _("Backbone staff")
    FUNDER = "funder", _("Funder")


def check_role_fits_organization(role: str, organization: Organization) -> None:
    """Backbone staff belong to the backbone, funders to a funder, partners to the rest."""
    if role == Role.BACKBONE and not organization.is_backbone:
        raise ValidationError(
            {"role": _("Backbone staff must belong to the backbone organization.")}
        )
    if role == Role.FUNDER and not organization.is_funder:
        raise ValidationError({"role": _("Funder staff must belong to a funder organization.")})
    if role in (Role.MEMBER, Role.LEAD) and (organization.is_backbone or organization.is_funder):
        raise ValidationError(
            {"role": _("Partner roles are for partner organizations, not the backbone or funders.")}
        )


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org")
        ]

    def __str__(self):
        return f"{self.user} — {self.organization} ({self.get_role_display()})"

    def clean(self):
        if self.organization_id:
            check_role_fits_organization(self.role, self.organization)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def for_token(self, token: str):
        return self.filter(token_hash=_hash_token(token))


class Invitation(models.Model):
    """A one-time link that lets a person join an organization in a role. Only its hash is kept."""

    email = models.EmailField(_("email address"))
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organization} ({self.get_role_display()})"

    @classmethod
    def new(cls, *, email, organization, role, invited_by, valid_days):
        """Make an unsaved invitation and the plain token that goes in the link."""
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        invitation = cls(
            email=email.lower(),
            organization=organization,
            role=role,
            invited_by=invited_by,
            token_hash=_hash_token(token),
            created_at=now,
            expires_at=now + timedelta(days=valid_days),
        )
        return invitation, token

    @property
    def is_used(self):
        return self.accepted_at is not None

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at


class ApiTokenQuerySet(models.QuerySet):
    def for_key(self, key: str):
        return self.filter(key_hash=_hash_token(key), revoked_at__isnull=True)

    def visible_to(self, person):
        """A person's own tokens: nobody sees anyone else's."""
        return self.filter(user=person)


class ApiToken(models.Model):
    """A personal key for the read-only API. Only its hash is kept; it can be revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} — {self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        key = "pc_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=_hash_token(key), prefix=key[:8])
        return token, key


class PasswordResetRequest(models.Model):
    """A password reset asked for: what throttles them per address and per client."""

    address = models.CharField(max_length=254)  # normalised (partners.auth.normalize_login)
    client = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["address", "at"]), models.Index(fields=["client", "at"])]

    def __str__(self):
        return f"{self.address} {self.at:%Y-%m-%d %H:%M}"
