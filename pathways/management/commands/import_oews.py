from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pathways import reference
from pathways.management.base import ReferenceImportCommand


class Command(ReferenceImportCommand):
    help = _(
        "Set occupations' median annual wages from a BLS OEWS file saved as CSV (AREA, "
        "AREA_TITLE, OCC_CODE, OCC_TITLE, O_GROUP, A_MEDIAN …): detailed, cross-industry rows "
        "of one area. Unknown SOC codes become new occupations. All or nothing."
    )
    label = _("Median wages (BLS OEWS)")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--period",
            required=True,
            help=gettext("the reference period of the figures, e.g. “May 2024”"),
        )
        parser.add_argument(
            "--area",
            help=gettext(
                "the OEWS area code to take, e.g. 20500 (Durham-Chapel Hill, NC); needed when "
                "the file covers more than one area"
            ),
        )

    def run_import(self, file, *, period, area=None, **options):
        return reference.import_oews(file.read_bytes(), file.name, period=period, area=area)
