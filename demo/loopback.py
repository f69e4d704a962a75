"""The web server the soak and throughput commands start and wait for, on the loopback
interface only."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.core.management.base import CommandError


def start_gunicorn(port: int, workers: int = 2) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:``port`` with the settings and database of the environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
    }
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env)


def wait_for(base: str, seconds: float = 30) -> None:
    """Until ``base``/healthz answers, whatever it says; a CommandError after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"Nothing answers at {base}.")
