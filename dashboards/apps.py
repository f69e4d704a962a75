from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Dashboards and publishing")

    def ready(self):
        from dashboards.fragments import warm_dashboards
        from measures.signals import figures_changed

        figures_changed.connect(warm_dashboards, dispatch_uid="agenda-warm-dashboards")
