"""The common agenda: its vision, goals and strategies, and its versions."""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from measures.models import Indicator

DEFAULT_TITLE = _("Our common agenda")


class Agenda(models.Model):
    """The partnership's one common agenda (a single row)."""

    title = models.CharField(_("title"), max_length=200, default=DEFAULT_TITLE)
    vision = models.TextField(
        _("vision"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("common agenda")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """A title left at its default reads in each language as that language writes it."""
        defaults = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                defaults[code] = str(DEFAULT_TITLE)
        untouched = (None, "", *defaults.values())
        if all(getattr(self, f"title_{code}", None) in untouched for code in defaults):
            for code, text in defaults.items():
                setattr(self, f"title_{code}", text)
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "Agenda":
        """The one row, or its defaults (unsaved) while there is none: reading writes
        nothing; the first save creates the row."""
        return cls.objects.order_by("pk").first() or cls()


class Goal(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="goals",
        verbose_name=_("indicators that measure it"),
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Strategy(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="strategies")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = _("strategies")

    def __str__(self):
        return self.title


class AgendaVersion(models.Model):
    """The whole agenda as it stood after one edit: text, goals, strategies, indicators,
    baselines and targets. Restoring a version writes exactly this back."""

    number = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    summary = models.CharField(_("what changed"), max_length=300)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"v{self.number} {self.summary}"
