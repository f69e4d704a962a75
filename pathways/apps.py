from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The cache version of what pathway pages show (common.cache.counter): moved on by any save or
# delete of this app's records or of an organization (a provider's name), and by the imports
# that write in bulk.
VERSION = "pathways"


def bump_version(**_kwargs) -> None:
    """For the imports that write in bulk (common.cache.bump_now_and_at_commit)."""
    from common.cache import bump_now_and_at_commit

    bump_now_and_at_commit(VERSION)


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = _("Pathways")

    def ready(self):
        from common.cache import follow
        from partners.models import Organization

        follow(VERSION, [*self.get_models(), Organization])
