from django.utils.translation import gettext_lazy as _

from pathways import reference
from pathways.management.base import ReferenceImportCommand


class Command(ReferenceImportCommand):
    help = _(
        "Load the CIP 2020 program codes (NCES CIPCode2020.csv: CIPFamily, CIPCode, Action, "
        "TextChange, CIPTitle, CIPDefinition, CrossReferences, Examples). Six-digit codes only; "
        'codes written as ="01.0101" are unwrapped. All or nothing.'
    )
    label = _("CIP 2020 codes")

    def run_import(self, file, **options):
        return reference.import_cip(file.read_bytes(), file.name)
