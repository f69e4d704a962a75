from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

LIBRARY = "indicator-library"
SUBMISSIONS = "submissions"


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Shared measures")

    def ready(self):
        from common.cache import follow
        from measures import pathways  # noqa: F401 - keeps pathway categories in step
        from measures.models import Category, Dimension, Indicator, Submission, Target
        from partners.models import Organization, User
        from partners.signals import placement_changed

        # What is drawn from the indicator library alone (an indicator page's filter
        # choices) is cached under this counter.
        follow(LIBRARY, [Indicator, Dimension, Category, Target, Organization])
        # What is drawn from the reports' states (a partner's reports due and returned, with
        # the names of the organizations and the reviewer) is cached under this one.
        follow(SUBMISSIONS, [Submission, User, Organization])

        placement_changed.connect(roll_up_new_placement, dispatch_uid="measures-placement")


def roll_up_new_placement(sender, organization, **kwargs):
    """An organization moved county or type: its figures leave the old scopes and join the
    new ones in a full rebuild, enqueued once the change is committed."""
    from common import outbox
    from measures import tasks

    outbox.enqueue(tasks.rebuild_all_aggregates)
