from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pathways import projections
from pathways.management.base import ReferenceImportCommand


class Command(ReferenceImportCommand):
    help = _(
        "Set occupations' long-term projections (employment in the base and projected year, "
        "growth, openings a year) from a CSV file in the layout of the BLS Employment "
        "Projections (Table 1.2, national) or of a state's long-term projections as Projections "
        "Central publishes them. Occupations not in the app are skipped. All or nothing."
    )
    label = _("Occupational projections")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--area",
            help=gettext(
                "the area to take from a file of several states: its FIPS code (37) or its "
                "name (North Carolina)"
            ),
        )

    def run_import(self, file, *, area=None, **options):
        return projections.import_projections(file.read_bytes(), file.name, area=area)
