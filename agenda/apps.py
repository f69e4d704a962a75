from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from agenda.views import warm_dashboards
        from measures.signals import figures_changed

        figures_changed.connect(warm_dashboards, dispatch_uid="agenda-warm-dashboards")
