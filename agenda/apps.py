from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from agenda.views import warm_dashboards
        from measures.signals import figures_changed

        figures_changed.connect(warm_dashboards, dispatch_uid="agenda-warm-dashboards")

        from django.db.models.signals import post_delete, post_save

        from agenda.network import bump_version
        from partners.models import Organization, Partnership
        from pathways.models import Pathway, Step

        for model in (Organization, Partnership, Pathway, Step):
            for signal in (post_save, post_delete):
                signal.connect(bump_version, sender=model, dispatch_uid=f"network-{model.__name__}")
