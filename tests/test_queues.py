"""Each kind of work on a queue of its own (common/queues.py), so that workers can run apart:
roll-ups, imports, email, and the default queue for the rest.

The Redis tests use the shared Redis under queue names of their own (a base no one else uses),
and delete only their own keys afterwards.
"""

import json
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from common import outbox, queues
from common.queues import queues_for
from config.celery_app import app


def project_tasks() -> set[str]:
    app.loader.import_default_modules()  # every app's tasks.py and CELERY_IMPORTS
    return {name for name in app.tasks if not name.startswith("celery.")}


def routed_queue(name: str) -> str:
    return app.amqp.router.route({}, name)["queue"].name


@pytest.fixture
def base():
    """Tasks sent to queues of this test's own, named from a base no one else uses."""
    base = f"test-{uuid.uuid4().hex}"
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    app.conf.update(task_always_eager=False, task_default_queue=base)
    try:
        yield base
    finally:
        app.conf.update(saved)


@pytest.fixture
def redis(base):
    """The shared Redis; this test's own queue keys (and kombu's bindings of them) are deleted
    afterwards, and nothing else."""
    import redis

    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set")
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        yield client
    finally:
        forget_queues(client, base)
        assert not list(client.scan_iter(match=f"*{base}*")), "keys of this test left behind"
        client.close()


def forget_queues(client, base: str) -> None:
    """Delete the queues of this base and kombu's bindings of them, and nothing else."""
    prefixes = ("", "_kombu.binding.", "_kombu.binding_permanent.")
    client.delete(*[prefix + name for name in queues_for(base) for prefix in prefixes])


def test_queues_are_named_from_the_base():
    assert queues_for("celery") == ["celery", "celery.rollups", "celery.imports", "celery.email"]
    assert [queue.name for queue in settings.CELERY_TASK_QUEUES] == queues_for(
        settings.CELERY_TASK_DEFAULT_QUEUE
    )
    with pytest.raises(ValueError):
        queues.queue_name("celery", "reports")


def test_every_project_task_has_a_kind():
    """A new task without a kind fails here: add it to common.queues.KIND_OF_TASK."""
    tasks = project_tasks()
    assert tasks - set(queues.KIND_OF_TASK) == set(), "tasks without a kind"
    assert set(queues.KIND_OF_TASK) - tasks == set(), "kinds of tasks that no longer exist"
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in queues.KIND_OF_TASK


@pytest.mark.parametrize(
    ("task", "kind"),
    [
        ("measures.tasks.rollup_report", "rollups"),
        ("measures.tasks.rebuild_all_aggregates", "rollups"),
        ("measures.tasks.run_import", "imports"),
        ("communication.tasks.email_notifications", "email"),
        ("communication.tasks.send_weekly_digest", "email"),
        ("communication.tasks.send_report_reminders", "email"),
        ("common.tasks.dispatch_outbox", "default"),
    ],
)
def test_each_task_lands_on_its_kinds_queue_under_the_default_queue_of_the_moment(base, task, kind):
    assert task in project_tasks()
    expected = base if kind == "default" else f"{base}.{kind}"
    assert routed_queue(task) == expected
    app.conf.task_default_queue = "elsewhere"  # read when the task is sent
    assert routed_queue(task) == queues.queue_name("elsewhere", kind)


def test_celerys_own_tasks_go_to_the_default_queue(base):
    assert routed_queue("celery.backend_cleanup") == base


@pytest.mark.django_db
def test_the_outbox_sends_each_task_to_its_kinds_queue(
    base, redis, django_capture_on_commit_callbacks
):
    from common.tasks import dispatch_outbox
    from communication.tasks import email_notifications
    from measures.import_jobs import run_import
    from measures.tasks import rebuild_all_aggregates

    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue(rebuild_all_aggregates)
        outbox.enqueue(run_import, 1)
        outbox.enqueue(email_notifications, [1], "reports")
        outbox.enqueue(dispatch_outbox)

    def waiting(queue: str) -> list[str]:
        return [json.loads(raw)["headers"]["task"] for raw in redis.lrange(queue, 0, -1)]

    assert waiting(f"{base}.rollups") == ["measures.tasks.rebuild_all_aggregates"]
    assert waiting(f"{base}.imports") == ["measures.tasks.run_import"]
    assert waiting(f"{base}.email") == ["communication.tasks.email_notifications"]
    assert waiting(base) == ["common.tasks.dispatch_outbox"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_of_the_rollups_queue_rolls_up_and_leaves_the_email_waiting(world, base, redis):
    """An approval sends a roll-up and an email telling the organization; a worker that
    reads only the roll-ups queue runs the one, and the other waits in Redis for a worker
    of the email queue."""
    from celery.contrib.testing.worker import start_worker

    from common.models import OutboxMessage
    from measures.models import Aggregate
    from tests.conftest import YEAR, lead_submits
    from tests.test_worker_integration import wait_for

    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set")
    lead_submits(world)
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[f"{base}.rollups"]):
        response = world.client(world.backbone).post(
            reverse("report_approve", args=[world.org_a.slug, YEAR])
        )
        assert response.status_code == 302
        region = Aggregate.objects.filter(scope_type="region", dimension_code="")
        assert wait_for(lambda: region.count() == 2), "the roll-up was not run"
        rollups = OutboxMessage.objects.filter(task="measures.tasks.rollup_report")
        assert wait_for(lambda: not rollups.filter(done_at=None).exists()), "not done"

    # The submission told the reviewers, the approval the organization: two emails, waiting.
    emails = OutboxMessage.objects.filter(task="communication.tasks.email_notifications")
    assert [(bool(m.sent_at), m.done_at) for m in emails] == [(True, None), (True, None)]
    assert redis.llen(f"{base}.email") == 2
    assert redis.llen(f"{base}.rollups") == 0
    assert mail.outbox == []
