"""Try to recover every figure an audience is not shown, from exactly what it can see."""

from django.core.management.base import BaseCommand, CommandError

from measures import audit
from measures.models import Indicator


class Command(BaseCommand):
    help = (
        "Audit the disclosure control: for each indicator and audience, the figures published "
        "and suppressed, those that can be worked out exactly (must be 0) and the narrowest "
        "range a suppressed count of people can be pinned to."
    )

    def add_arguments(self, parser):
        parser.add_argument("--indicator", help="one indicator's code (default: every one)")
        parser.add_argument(
            "--audience",
            help="funder, public or a partner's short name (default: funder, public and "
            "every organization that reports the indicator)",
        )
        parser.add_argument(
            "--no-ranges",
            action="store_true",
            help="skip the linear programs that find each suppressed count's range",
        )

    def handle(self, *args, indicator=None, audience=None, no_ranges=False, **options):
        indicators = Indicator.objects.order_by("code")
        if indicator:
            indicators = indicators.filter(code=indicator)
            if not indicators.exists():
                raise CommandError(f"No indicator has the code {indicator!r}.")
        try:
            outcomes = audit.run(indicators, [audience] if audience else None, ranges=not no_ranges)
        except ValueError as error:
            raise CommandError(str(error)) from None
        header = (
            f"{'indicator':<36} {'audience':<30} {'published':>9} {'bounded':>7} "
            f"{'primary':>7} {'complem.':>8} {'<min orgs':>9} {'recovered':>9} {'narrowest':>9}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        recovered = few = 0
        for o in outcomes:
            if not o.readable:
                self.stdout.write(
                    f"{o.indicator:<36} {o.audience:<30} figures not published for this audience"
                )
                continue
            narrowest = "—" if o.narrowest is None else f"{o.narrowest:,.0f}"
            self.stdout.write(
                f"{o.indicator:<36} {o.audience:<30} {o.published:>9,} {o.bounded:>7,} "
                f"{o.primary:>7,} {o.complementary:>8,} {o.few_organizations:>9,} "
                f"{len(o.recovered):>9,} {narrowest:>9}"
            )
            for period, name, layer, how in o.recovered[:5]:
                self.stdout.write(f"    recovered: {period} {name} ({layer}, by {how})")
            recovered += len(o.recovered)
            few += o.few_organizations
        self.stdout.write(
            f"\n{len(outcomes)} audits; suppressed figures recovered exactly: {recovered}; "
            f"published figures from too few organizations: {few}."
        )
        if recovered or few:
            raise CommandError("The disclosure audit found figures that are not protected.")
