"""Settings come from the environment, parsed strictly; production settings pass --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("raw", "value"), [("true", True), ("Off", False), ("1", True), ("", False)]
)
def test_booleans(monkeypatch, raw, value):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", False) is value


def test_a_bad_boolean_is_an_error(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", False)


def test_numbers_lists_and_files(monkeypatch, tmp_path):
    monkeypatch.setenv("N", "x")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)
    monkeypatch.setenv("HOSTS", "a.org, b.org,")
    assert env_list("HOSTS", []) == ["a.org", "b.org"]
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("N_FILE", str(secret))
    monkeypatch.delenv("N")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)


def run_manage(*args, **env):
    # Leave out what the test settings put in the environment.
    ours = {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "SECURE_HSTS_SECONDS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ours and not k.endswith("_SECURE") and k != "SECURE_SSL_REDIRECT"
    }
    clean.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_secret_key_is_required_with_debug_off():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="k" * 20 + "a-long-random-production-secret-for-the-test-1234567",
        ALLOWED_HOSTS="pathways.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_csp_allows_only_our_own_origin(client, db):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "http" not in policy
    assert "unsafe-inline" not in policy


def test_the_full_rollup_runs_nightly_through_beat(settings):
    from celery.schedules import crontab

    entry = settings.CELERY_BEAT_SCHEDULE["nightly-full-rollup"]
    assert entry["task"] == "measures.tasks.rebuild_all_aggregates"
    assert entry["schedule"] == crontab(hour=3, minute=0)
    from config.celery_app import app

    app.loader.import_default_modules()
    assert entry["task"] in app.tasks


SHOW_DATABASES = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'aliases': sorted(s.DATABASES), 'test': s.DATABASES.get('replica', {}).get('TEST'), "
    "'routers': s.DATABASE_ROUTERS, 'first': s.MIDDLEWARE[0], 'pin': s.REPLICA_PIN_SECONDS, "
    "'queues': [q.name for q in s.CELERY_TASK_QUEUES]}))"
)


def _settings_with(**env) -> dict:
    import json

    result = run_manage("shell", "-c", SHOW_DATABASES, DEBUG="true", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_database_and_no_router_without_a_replica_url():
    shown = _settings_with(DATABASE_REPLICA_URL="", CELERY_QUEUE="")
    assert shown["aliases"] == ["default"]
    assert shown["routers"] == [] and shown["first"] != "common.replica.ReplicaMiddleware"
    assert shown["queues"] == ["celery", "celery.rollups", "celery.imports", "celery.email"]


def test_a_replica_url_adds_the_replica_its_router_and_middleware():
    shown = _settings_with(
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/pathways",
        REPLICA_PIN_SECONDS="8",
        CELERY_QUEUE="pathways",
    )
    assert shown["aliases"] == ["default", "replica"]
    assert shown["test"]["MIRROR"] == "default"  # the test runner makes no second database
    assert shown["routers"] == ["common.replica.ReplicaRouter"]
    assert shown["first"] == "common.replica.ReplicaMiddleware"
    assert shown["pin"] == 8
    assert shown["queues"] == ["pathways", "pathways.rollups", "pathways.imports", "pathways.email"]
