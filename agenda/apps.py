from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The cache version of the agenda's own row (its title and vision; common.cache.counter).
VERSION = "agenda"


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from agenda.models import Agenda
        from common.cache import follow

        follow(VERSION, [Agenda])
