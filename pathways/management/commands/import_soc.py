from django.utils.translation import gettext_lazy as _

from pathways import reference
from pathways.management.base import ReferenceImportCommand


class Command(ReferenceImportCommand):
    help = _(
        "Create or rename occupations from the SOC 2018 code list (BLS soc_2018_definitions, "
        "saved as CSV: SOC Group, SOC Code, SOC Title, SOC Definition). Only detailed "
        "occupations are imported; wages and other figures are left as they are. All or nothing."
    )
    label = _("Occupations (SOC 2018)")

    def run_import(self, file, **options):
        return reference.import_soc(file.read_bytes(), file.name)
