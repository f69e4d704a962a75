"""The CIP 2020 code list, loaded by ``import_cip``.

Django only finds the models that ``pathways/models.py`` defines or imports: add

    from pathways.reference_models import CipCode  # noqa: E402,F401  (at the end of models.py)

and make its migration. This module imports nothing from ``pathways.models``, so that line
can sit anywhere in models.py without a circular import.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CIP_CODE_FORM = RegexValidator(
    r"^\d{2}\.\d{4}$", _("A CIP 2020 code has the form 51.3801 (two digits, a dot, four).")
)


class CipCode(models.Model):
    """One six-digit program of the Classification of Instructional Programs (CIP 2020)."""

    code = models.CharField(
        _("CIP 2020 code"), max_length=7, unique=True, validators=[CIP_CODE_FORM]
    )
    title = models.CharField(_("title"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)

    class Meta:
        app_label = "pathways"
        ordering = ["code"]
        verbose_name = _("CIP 2020 code")
        verbose_name_plural = _("CIP 2020 codes")

    def __str__(self):
        return f"{self.code} {self.title}"
