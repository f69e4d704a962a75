import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pathways.ctdl_import import CtdlImportError, import_pathway


class Command(BaseCommand):
    help = (
        "Read a pathway from a CTDL JSON-LD graph, as the career explorer publishes it "
        "(…/explore/<pathway>/ctdl.json): the pathway with the same CTID is replaced, or a new "
        "one is made, with its steps, links, programs, credentials, occupations and "
        "organizations. All or nothing. The pathway is a draft unless --public."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("the JSON-LD file"))
        parser.add_argument(
            "--public", action="store_true", help=_("show the pathway in the career explorer")
        )

    def handle(self, *args, file: Path, public: bool, **options):
        try:
            document = json.loads(file.read_bytes())
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(
                _("%(file)s is not JSON: %(error)s") % {"file": file.name, "error": error}
            ) from None
        try:
            pathway = import_pathway(document, public=public)
        except CtdlImportError as error:
            lines = [str(p) for p in error.problems[:50]]
            raise CommandError("\n  ".join([_("Nothing was imported:"), *lines])) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("The pathway “%(title)s” (%(slug)s) was read, with %(n)s steps.")
                % {"title": pathway.title, "slug": pathway.slug, "n": pathway.steps.count()}
            )
        )
