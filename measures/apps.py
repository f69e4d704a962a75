from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Shared measures")

    def ready(self):
        from measures import pathways  # noqa: F401 - keeps pathway categories in step
