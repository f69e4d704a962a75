import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from common.cache import bump_all
from demo import region


class Command(BaseCommand):
    help = (
        "Load the demo region (Durham, NC): the backbone, about 15 partners, a funder, "
        "indicators with four years of approved demo data, and the demo logins. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["demo", "large", "state"],
            default="demo",
            help="large adds 300 organizations, 100 indicators and about 2 million values; "
            "state 3,000 organizations and about 20 million values (PostgreSQL only, each in "
            "a database of its own) for the benchmarks",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create the demo logins even with DEBUG off (never do this on a real site).",
        )

    def handle(self, *args, force, scale, **options):
        with_users = settings.DEBUG or force
        if not with_users:
            self.stderr.write(
                "DEBUG is off: loading demo data without demo logins (use --force to add them)."
            )
        if with_users and not settings.DEMO_PASSWORD:
            raise CommandError("DEMO_PASSWORD is empty.")
        counts = region.seed(
            today=timezone.localdate(), with_users=with_users, password=settings.DEMO_PASSWORD
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Demo region ready: {organizations} organizations, {indicators} indicators, "
                "{values_created} new values, {aggregates} figures rolled up.".format(**counts)
            )
        )
        if scale != "demo":
            self.seed_large(scale)
        # The large scale writes in bulk, without the signals that move the cache's
        # versions on (common.cache.follow): what was cached before is not read again.
        bump_all()
        if with_users:
            for email, _name, _org, role in region.DEMO_USERS:
                self.stdout.write(f"  {email:<26} {role.label}")
            self.stdout.write("  password: the DEMO_PASSWORD setting (default pathways-demo)")

    def seed_large(self, scale: str):
        from demo import large
        from measures import rollups

        started = time.perf_counter()
        try:
            created = large.seed_large(timezone.localdate(), large.SCALES[scale])["created"]
        except (large.NeedsPostgreSQL, large.OtherScale) as error:
            raise CommandError(str(error)) from None
        if created:
            self.stdout.write(
                f"{scale.capitalize()} scale: {created:,} values in "
                f"{time.perf_counter() - started:.1f} s; rolling up…"
            )
            rows = rollups.rebuild_all()
            self.stdout.write(f"  {rows:,} figures in {time.perf_counter() - started:.1f} s.")
        else:
            self.stdout.write(f"{scale.capitalize()} scale: already there.")
