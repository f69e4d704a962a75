from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The cache version of the agenda (common.cache.counter): its own row (title and vision), and
# every version recorded, which every change of its goals, strategies and targets records.
VERSION = "agenda"


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from agenda.models import Agenda, AgendaVersion
        from common.cache import follow

        follow(VERSION, [Agenda, AgendaVersion])
