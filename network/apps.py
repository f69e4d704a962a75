from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("The network")

    def ready(self):
        from common.cache import follow
        from network.map import VERSION
        from network.models import Partnership
        from partners.models import Organization
        from pathways.models import Pathway, Step

        # The network page is cached; anything it draws on moves its cache on.
        follow(VERSION, [Organization, Partnership, Pathway, Step])
