"""What the reference-data commands share: read the file, run the import, report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pathways import reference, reference_files


class ReferenceImportCommand(BaseCommand):
    label = ""  # what is imported, e.g. "Occupations (SOC 2018)"

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)  # argparse needs text, not a lazy translation
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("the CSV file"))

    def run_import(self, file: Path, **options) -> reference.Outcome:
        raise NotImplementedError

    def handle(self, *args, file: Path, **options):
        try:
            outcome = self.run_import(file, **options)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        except reference.ReferenceImportError as error:
            lines = reference_files.describe(error.problems)
            heading = (
                _("Nothing was imported from %(name)s:") % {"name": file.name}
                if len(error.problems) > 1
                else _("Nothing was imported:")
            )
            raise CommandError("\n  ".join([heading, *lines])) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("%(label)s from %(name)s: %(summary)s")
                % {"label": self.label, "name": file.name, "summary": outcome.summary()}
            )
        )
