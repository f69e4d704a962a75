"""The number of SQL queries a page makes does not grow with the data."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demo import region as demo
from measures.models import DataValue
from measures.periods import Period, PeriodType
from partners.models import Membership, User
from tests.conftest import empty_the_cache

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


PAGES = ["home", "dashboard", "organization_list", "indicator_list", "report_list", "review_queue"]


@pytest.mark.parametrize("name", PAGES)
def test_queries_do_not_grow_with_data(client, settings, name):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    client.force_login(User.objects.get(email="backbone@example.org"))
    url = reverse(name)
    empty_the_cache()  # both counts from an empty cache: what a page reads to fill it
    small, _ = count_queries(client, url)

    # Three more years of submissions and values, and the figures rolled up from them.
    before = DataValue.objects.count()
    demo.seed(today=timezone.localdate() + timedelta(days=3 * 366), with_users=False, password="")
    assert DataValue.objects.count() > before
    empty_the_cache()
    large, sql = count_queries(client, url)
    assert large == small, "\n".join(sql)


def test_partner_home_and_report_page(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    lead = User.objects.get(email="lead@example.org")
    client.force_login(lead)
    org = Membership.objects.get(user=lead).organization
    period = Period.last_closed(PeriodType.SCHOOL_YEAR, timezone.localdate())
    for url in (reverse("home"), reverse("report", args=[org.slug, period.previous().key])):
        count, sql = count_queries(client, url)
        assert count <= 13, "\n".join(sql)
