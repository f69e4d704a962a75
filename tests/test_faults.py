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

from measures.models import Publication
from tests.test_dashboards import goal_with, rate

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    def __init__(self):
        self.port = _free_port()
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
