"""Requests per second of the main pages of each role, as a share of ``/healthz``.

Starts gunicorn (two workers) on the database of the environment, signs each role's demo
person in, then loads one page at a time with wrk (a bounded load: a few connections for a
few seconds, on the loopback interface only) and prints the requests per second of each
page beside those of ``/healthz``, measured just before each page (a share compares two loads
a few seconds apart, whatever the machine's speed does over the run).
The goal (docs/architecture.md, "Budgets"): every main page at half of ``/healthz`` or
better, with no error. Needs the demo people (``seed_demo``) and, for figures at scale, the
large data set (``seed_demo --scale large``); wrk from the system's packages.
"""

import re
import shutil
import subprocess
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from demo import loopback
from demo import pages as page_data
from partners.models import User
from pathways.models import Pathway

ROLES = {
    "member": "member@example.org",
    "lead": "lead@example.org",
    "backbone": "backbone@example.org",
    "funder": "funder@example.org",
}
# (label, address); {indicator} and {pathway} are filled in from the data.
SIGNED_IN_PAGES = [
    ("Home", "/"),
    ("Agenda dashboard", "/dashboard/"),
    ("Indicator page", "/dashboard/indicators/{indicator}/"),
    ("Pathway directory", "/pathways/"),
    ("A pathway", "/pathways/{pathway}/"),
    ("Network", "/network/"),
    ("API: region values", "/api/indicators/{indicator}/values?scope=region"),
]
PUBLIC_PAGES = [
    ("Explorer (home)", "/explore/"),
    ("A pathway", "/explore/{pathway}/"),
    ("Public dashboard", "/public/"),
    ("Indicator page", "/public/indicators/{indicator}/"),
]
GOAL = 0.5
REQUESTS = re.compile(r"Requests/sec:\s+([\d.]+)")
BAD_STATUS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
LATENCY = re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


class Command(BaseCommand):
    help = "Requests per second of each role's main pages, as a share of /healthz."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8766)
        parser.add_argument("--seconds", type=int, default=8, help="load per page (1–60)")
        parser.add_argument("--connections", type=int, default=8, help="at once (1–32)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")

    def handle(self, *args, port, seconds, connections, workers, **options):
        if not 1 <= seconds <= 60 or not 1 <= connections <= 32:
            raise CommandError("--seconds must be 1–60 and --connections 1–32.")
        if shutil.which("wrk") is None:
            raise CommandError("The load comes from wrk: apt-get install -y wrk")
        base = f"http://127.0.0.1:{port}"
        targets = self._targets()
        web = loopback.start_gunicorn(port, workers)
        try:
            loopback.wait_for(base)
            cookies = self._sign_in(base)
            results = []
            for role, label, path in targets:
                self._check(base, path, cookies.get(role, ""))
                # /healthz just before each page: a share compares two loads a few seconds
                # apart, whatever the machine's speed does over the whole run.
                healthz = self._load(base, "/healthz", "", seconds, connections)
                load = self._load(base, path, cookies.get(role, ""), seconds, connections)
                results.append((role, label, path, {**load, "healthz": healthz}))
        finally:
            web.terminate()
            try:
                web.wait(20)
            except subprocess.TimeoutExpired:
                web.kill()
        self._report(results)

    # --- set-up ------------------------------------------------------------------------

    def _targets(self) -> list[tuple[str, str, str]]:
        missing = set(ROLES.values()) - set(
            User.objects.filter(email__in=ROLES.values()).values_list("email", flat=True)
        )
        if missing:
            raise CommandError("The pages are read by the demo people: run seed_demo first.")
        indicator = page_data.busiest_indicator()
        pathway = Pathway.objects.filter(public=True).order_by("pk").first()
        if indicator is None or pathway is None:
            raise CommandError("No indicator or public pathway: run seed_demo first.")
        fill = {"indicator": indicator.code, "pathway": pathway.slug}
        targets = [("anonymous", label, path.format(**fill)) for label, path in PUBLIC_PAGES]
        for role in ROLES:
            targets += [(role, label, path.format(**fill)) for label, path in SIGNED_IN_PAGES]
        return targets

    def _sign_in(self, base: str) -> dict[str, str]:
        """A session for each role's demo person, in the session store gunicorn reads."""
        cookies = {}
        for role, email in ROLES.items():
            client = Client()
            client.force_login(User.objects.get(email=email))
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            cookies[role] = f"{settings.SESSION_COOKIE_NAME}={cookie.value}"
        return cookies

    def _check(self, base: str, path: str, cookie: str) -> None:
        """The page answers 200 for this reader (not a redirect to sign in, not an error),
        and twice, so that the figures of the page are cached as on a day's use."""
        for _attempt in range(2):
            request = urllib.request.Request(base + path, headers={"Cookie": cookie})
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, final = response.status, response.url
            except urllib.error.HTTPError as error:
                status, final = error.code, path
            if status != 200 or not final.endswith(path):
                raise CommandError(f"{path} answered {status} ({final}) instead of 200.")

    # --- load --------------------------------------------------------------------------

    def _load(self, base: str, path: str, cookie: str, seconds: int, connections: int) -> dict:
        command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
        if cookie:
            command += ["-H", f"Cookie: {cookie}"]
        output = subprocess.run(
            [*command, base + path], capture_output=True, text=True, check=False, timeout=120
        ).stdout
        rate = REQUESTS.search(output)
        if rate is None:
            raise CommandError(f"wrk printed no rate for {path}:\n{output}")
        bad = BAD_STATUS.search(output)
        sockets = SOCKET_ERRORS.search(output)
        latency = LATENCY.search(output)
        p50 = 0.0
        if latency:
            p50 = float(latency.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[latency.group(2)]
        return {
            "rate": float(rate.group(1)),
            "errors": (int(bad.group(1)) if bad else 0)
            + (sum(int(n) for n in sockets.groups()) if sockets else 0),
            "p50_ms": p50,
        }

    # --- output ------------------------------------------------------------------------

    def _report(self, results: list) -> None:
        rates = [result["healthz"]["rate"] for *_page, result in results]
        self.stdout.write(
            f"/healthz: {min(rates):.0f}–{max(rates):.0f} requests/s, measured just before"
            " each page; each share is of the /healthz beside it."
        )
        header = ("reader", "page", "address", "requests/s", "/healthz", "share", "p50", "errors")
        rows = []
        below = 0
        errors = 0
        for role, label, path, result in results:
            healthz = result["healthz"]["rate"]
            share = result["rate"] / healthz if healthz else 0.0
            below += share < GOAL
            failed = result["errors"] + result["healthz"]["errors"]
            errors += failed
            rows.append(
                (
                    role,
                    label,
                    path,
                    f"{result['rate']:.0f}",
                    f"{healthz:.0f}",
                    f"{share:.0%}",
                    f"{result['p50_ms']:.1f} ms",
                    str(failed),
                )
            )
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, tuple("-" * w for w in widths), *rows]:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
        self.stdout.write(
            f"\n{len(results) - below} of {len(results)} pages at half of /healthz or better"
            f" (goal: all); {errors} errors."
        )
        if errors:
            raise CommandError(f"{errors} requests failed.")
