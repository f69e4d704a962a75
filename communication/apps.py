from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "communication"
    verbose_name = _("Continuous communication")

    def ready(self):
        from communication.workflow import announce_report_moved
        from measures.signals import report_moved

        report_moved.connect(announce_report_moved, dispatch_uid="communication-report-moved")
