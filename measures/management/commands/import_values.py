from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from measures import imports
from partners.auth import normalize_login
from partners.models import User
from partners.roles import roles_for


class Command(BaseCommand):
    help = (
        "Import values from a CSV file (indicator,organization,period,dimension,category,"
        "numerator,denominator,value,note) as the given person: all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="email", required=True, help="who is importing")
        parser.add_argument(
            "--approve",
            action="store_true",
            help="load historical data as approved (backbone staff only)",
        )

    def handle(self, *args, file: Path, email: str, approve: bool, **options):
        user = User.objects.filter(email=normalize_login(email), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account has the email address {email}.")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            text = imports.decode(data)
        except imports.ImportError_ as error:
            raise CommandError(error.problems[0].message) from None
        result = imports.run(
            text,
            user=user,
            roles=roles_for(user),
            approve=approve,
            source=file.name,
            progress=lambda n: self.stderr.write(f"  checked {n} rows…"),
        )
        if not result.ok:
            for problem in result.problems[:200]:
                where = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
                self.stderr.write(f"{where}: {problem.message}")
            more = len(result.problems) - 200
            if more > 0:
                self.stderr.write(f"… and {more} more problems.")
            raise CommandError(
                f"Nothing was imported: {len(result.problems)} problem(s) in {file.name}."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.rows} rows into {result.submissions} report(s); "
                f"{result.values_changed} value(s) changed"
                + (", approved." if approve else ", saved as drafts.")
            )
        )
