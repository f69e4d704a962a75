from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The cache version of what pathway pages show (common.cache.counter): moved on by any save or
# delete of this app's records or of an organization (a provider's name), and by the imports
# that write in bulk.
VERSION = "pathways"


def bump_version(**_kwargs) -> None:
    """Now, and again once the change is committed: a page computed in between, from what
    was there before the commit, is not read under the version that follows it."""
    from django.db import transaction

    from common.cache import bump

    bump(VERSION)
    transaction.on_commit(lambda: bump(VERSION))


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = _("Pathways")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from partners.models import Organization

        for model in [*self.get_models(), Organization]:
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_version, sender=model, dispatch_uid=f"pathways-{model.__name__}"
                )
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    bump_version,
                    sender=field.remote_field.through,
                    dispatch_uid=f"pathways-{model.__name__}-{field.name}",
                )
