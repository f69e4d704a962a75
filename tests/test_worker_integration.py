"""Approval → roll-up by a real Celery worker on the real Redis broker → the funder's dashboard."""

import os
import time
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.urls import reverse

from common.queues import queues_for
from config.celery_app import app
from measures.models import Aggregate
from tests.conftest import YEAR, lead_submits
from tests.test_queues import forget_queues

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_worker():
    if not settings.REDIS_URL:
        if os.environ.get("CI"):
            pytest.fail("REDIS_URL must be set in CI: this test needs the real broker.")
        pytest.skip("REDIS_URL is not set")
    queue = f"test-{uuid.uuid4().hex}"  # keep clear of any other worker on this Redis
    # The test settings already point the broker at REDIS_URL; tasks run eagerly until here.
    assert app.conf.broker_url == settings.REDIS_URL
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, queues=queues_for(queue)
        ) as worker:
            yield worker
    finally:
        app.conf.update(saved)
        client = redis.Redis.from_url(settings.REDIS_URL)
        forget_queues(client, queue)  # this test's own queue keys, and nothing else
        client.close()


def wait_for(predicate, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_approval_is_rolled_up_by_the_worker_and_shown_to_the_funder(world, redis_worker):
    lead_submits(world)
    assert not Aggregate.objects.exists()

    response = world.client(world.backbone).post(
        reverse("report_approve", args=[world.org_a.slug, YEAR])
    )
    assert response.status_code == 302
    region = Aggregate.objects.filter(scope_type="region", dimension_code="")
    assert wait_for(lambda: region.count() == 2), "the worker did not roll up"

    dashboard = world.client(world.backbone).get(reverse("dashboard"))
    assert "75.0%" in dashboard.text  # 30 / 40
    assert "provisional, 1 of 2 reports" in dashboard.text
    # One organization's report: the funder is told it is held back, and why.
    dashboard = world.client(world.funder).get(reverse("dashboard"))
    assert "75.0%" not in dashboard.text
    assert "suppressed (fewer than 3 organizations)" in dashboard.text
