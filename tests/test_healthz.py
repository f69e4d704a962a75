import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def health(client):
    response = client.get(reverse("healthz"))
    return response.status_code, json.loads(response.content)


def test_ok_with_the_real_database_and_broker(client, settings):
    status, body = health(client)
    assert status == 200
    assert body["database"] == "ok"
    assert body["broker"] == ("ok" if settings.REDIS_URL else "disabled")


def test_broker_disabled_without_redis(client, settings):
    settings.REDIS_URL = ""
    assert health(client) == (200, {"database": "ok", "broker": "disabled"})


def test_broker_error_when_redis_cannot_be_reached(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    assert health(client) == (200, {"database": "ok", "broker": "error"})


def test_503_when_the_database_cannot_be_reached(client, settings):
    settings.REDIS_URL = ""
    with mock.patch(
        "config.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        assert health(client) == (503, {"database": "error", "broker": "disabled"})
