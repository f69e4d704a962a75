"""A bounded soak test: mixed traffic from several roles, on the loopback interface only.

With ``--serve`` the command starts gunicorn and a Celery worker itself (on the database and
Redis of the environment), sends traffic for ``--seconds``, then stops exactly the processes
it started. It prints the requests, the errors (5xx answers and failed connections) and the
latency percentiles per kind of request, and fails when there was any error. Needs the demo
data (``seed_demo``) for its logins.
"""

import http.cookiejar
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import loopback
from demo.region import DEMO_USERS

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ROLE_PAGES = {
    "backbone": ["/", "/dashboard/", "/console/", "/reports/", "/network/", "/updates/"],
    "lead": ["/", "/dashboard/", "/reports/", "/activities/", "/funding/", "/meetings/"],
    "member": ["/", "/dashboard/", "/reports/", "/notifications/", "/pathways/"],
    "funder": ["/", "/agenda/", "/network/", "/funding/"],
    "anonymous": ["/public/", "/pathways/", "/occupations/", "/healthz"],
}


class Client:
    """One person's browser: cookies, and CSRF tokens read from the forms."""

    def __init__(self, base: str):
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect()
        )
        self.jar = jar

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def token(self, path: str) -> str:
        _status, html = self.request(path)
        match = TOKEN.search(html)
        if not match:
            raise CommandError(f"No form token on {path}.")
        return match.group(1)

    def log_in(self, email: str, password: str) -> None:
        token = self.token("/accounts/login/")
        status, _html = self.request(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": email, "password": password},
        )
        if status != 302:
            raise CommandError(f"Could not log in as {email} (status {status}).")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Command(BaseCommand):
    help = "Mixed traffic from several roles for a bounded time; prints errors and latencies."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8765")
        parser.add_argument("--seconds", type=float, default=60)
        parser.add_argument("--clients", type=int, default=2, help="clients per role")
        parser.add_argument(
            "--serve", action="store_true", help="start gunicorn and a worker, then stop them"
        )

    def handle(self, *args, url, seconds, clients, serve, **options):
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme != "http" or parsed.hostname not in LOOPBACK:
            raise CommandError("The soak test sends traffic to the loopback interface only.")
        if not 1 <= seconds <= 600:
            raise CommandError("--seconds must be between 1 and 600.")
        started = self._serve(url) if serve else []
        try:
            loopback.wait_for(url)
            results = self._run(url, seconds, clients)
        finally:
            for process in started:
                process.terminate()
            for process in started:
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
        self._report(results)

    def _serve(self, url: str) -> list[subprocess.Popen]:
        port = urllib.parse.urlparse(url).port or 80
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        }
        web = loopback.start_gunicorn(port)
        processes = [web]
        if settings.REDIS_URL:
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "config",
                        "worker",
                        # Every queue, each kind's and the default (common/queues.py).
                        "--queues",
                        ",".join(queue.name for queue in settings.CELERY_TASK_QUEUES),
                        "--pool",
                        "solo",
                        "--loglevel",
                        "warning",
                    ],
                    env=env,
                )
            )
        return processes

    def _run(self, url: str, seconds: float, clients: int) -> dict:
        password = settings.DEMO_PASSWORD
        known = {email for email, _name, _org, _role in DEMO_USERS}
        emails = {
            "backbone": "backbone@example.org",
            "lead": "lead@example.org",
            "member": "member@example.org",
            "funder": "funder@example.org",
            "anonymous": None,
        }
        if not {e for e in emails.values() if e} <= known:
            raise CommandError("The soak test logs in as the demo users (run seed_demo).")
        probe = Client(url)
        probe.log_in(emails["backbone"], password)
        _status, body = probe.request("/api/indicators/")
        codes = [row["code"] for row in json.loads(body).get("indicators", [])][:5]
        results = defaultdict(list)  # kind -> [(status or None, seconds)]
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def work(role: str, n: int) -> None:
            rng = random.Random(f"{role}/{n}")
            client = Client(url)
            if emails[role]:
                client.log_in(emails[role], password)
            pages = list(ROLE_PAGES[role])
            if role != "anonymous":
                pages += [f"/dashboard/indicators/{code}/" for code in codes]
                pages += [f"/api/indicators/{code}/values" for code in codes[:2]]
            else:
                pages += [f"/public/indicators/{code}/" for code in codes]
            while time.monotonic() < stop:
                if role == "member" and rng.random() < 0.1:
                    kind, path = "POST notifications read", "/notifications/read/"
                    token = client.token("/notifications/")
                    data = {"csrfmiddlewaretoken": token}
                else:
                    path = rng.choice(pages)
                    kind, data = f"GET {re.sub(r'/[\w-]+/$', '/…/', path)}", None
                begun = time.perf_counter()
                try:
                    status, _html = client.request(path, data)
                except OSError:
                    status = None
                with lock:
                    results[(role, kind)].append((status, time.perf_counter() - begun))

        threads = [
            threading.Thread(target=work, args=(role, n)) for role in emails for n in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    def _report(self, results: dict) -> None:
        total = errors = 0
        every = []
        self.stdout.write(
            f"{'role':<10} {'request':<44} {'n':>6} {'errors':>6} "
            f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        )
        for (role, kind), rows in sorted(results.items()):
            times = sorted(seconds * 1000 for _status, seconds in rows)
            bad = sum(1 for status, _s in rows if status is None or status >= 500)
            total += len(rows)
            errors += bad
            every += times
            self.stdout.write(
                f"{role:<10} {kind[:44]:<44} {len(rows):>6} {bad:>6} "
                f"{_percentile(times, 50):>8.1f} {_percentile(times, 95):>8.1f} "
                f"{_percentile(times, 99):>8.1f}"
            )
        every.sort()
        self.stdout.write(
            f"Requests: {total}; errors: {errors}; latency p50 {_percentile(every, 50):.1f} ms, "
            f"p95 {_percentile(every, 95):.1f} ms, p99 {_percentile(every, 99):.1f} ms"
            f" (mean {statistics.fmean(every) if every else 0:.1f} ms)."
        )
        if errors or not total:
            raise CommandError(f"{errors} errors in {total} requests.")


def _percentile(values: list[float], percent: float) -> float:
    if not values:
        return 0.0
    index = min(len(values) - 1, round(percent / 100 * (len(values) - 1)))
    return values[index]
