from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("The network")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from network.map import bump_version
        from network.models import Partnership
        from partners.models import Organization
        from pathways.models import Pathway, Step

        # The network page is cached; anything it draws on moves its cache on.
        for model in (Organization, Partnership, Pathway, Step):
            for signal in (post_save, post_delete):
                signal.connect(bump_version, sender=model, dispatch_uid=f"network-{model.__name__}")
