"""What every page pays for before its content: the session, the person, their roles and
unread count, the navigation, and the stamps the cached content is keyed by. Each is read as
little as it can be, and never in a way that shows a person stale rights or loses a change."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common import scope, sessions
from communication.actions import notify
from measures.models import Publication, Target
from partners.models import Membership, Role
from tests.conftest import empty_the_cache
from tests.factories import IndicatorFactory, OrganizationFactory
from tests.test_access_matrix import browse_pathway

pytestmark = pytest.mark.django_db


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code in (200, 404), url
    return [q["sql"] for q in ctx.captured_queries]


# The session and the person ------------------------------------------------------------------


def test_a_signed_in_page_reads_its_person_roles_and_unread_count_in_one_statement(world):
    notify([world.member_a], "Hello", "/updates/", "updates")
    client = world.client(world.member_a)
    client.get(reverse("updates"))  # the session is now in the cache
    sql = _queries(client, "/no-such-page/")
    assert not any("django_session" in q for q in sql)
    person = [q for q in sql if "partners_user" in q]
    assert len(person) == 1
    assert "partners_membership" in person[0] and "agenda_notification" in person[0]
    assert len(sql) == 1, sql
    page = client.get(reverse("updates")).content.decode()
    assert '<span class="count">1<' in page


def test_a_membership_removed_takes_effect_on_the_next_request(world):
    client = world.client(world.lead_a)
    report = reverse("report_list")
    assert client.get(report).status_code == 200
    Membership.objects.filter(user=world.lead_a).delete()
    assert client.get(report).status_code == 403
    Membership.objects.create(user=world.lead_a, organization=world.org_a, role=Role.LEAD)
    assert client.get(report).status_code == 200


def test_signing_out_drops_the_session_from_the_cache_and_the_database(world, password):
    client = world.client(None)
    response = client.post(
        reverse("login"), {"username": world.member_a.email, "password": password}
    )
    assert response.status_code == 302
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("home")).status_code == 200
    assert cache.get(sessions.SessionStore.cache_key_prefix + key) is not None
    client.post(reverse("logout"))
    assert cache.get(sessions.SessionStore.cache_key_prefix + key) is None
    assert not Session.objects.filter(session_key=key).exists()
    thief = world.client(None)
    thief.cookies[settings.SESSION_COOKIE_NAME] = key
    assert thief.get(reverse("home")).status_code == 302  # to the explorer: not signed in


def test_a_session_in_the_cache_is_read_from_the_database_when_the_cache_loses_it(world):
    client = world.client(world.member_a)
    assert client.get(reverse("home")).status_code == 200
    empty_the_cache()  # Redis restarted empty
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert world.member_a.get_full_name() in response.content.decode()


def test_a_sessions_copy_in_the_cache_expires_within_minutes(world, monkeypatch):
    seen = []
    backend = type(caches[settings.SESSION_CACHE_ALIAS])
    original = backend.set

    def recording_set(self, key, value, timeout=None, version=None):
        if key.startswith(sessions.SessionStore.cache_key_prefix):
            seen.append(timeout)
        return original(self, key, value, timeout, version)

    monkeypatch.setattr(backend, "set", recording_set)
    client = world.client(world.member_a)
    client.get(reverse("home"))
    assert seen and all(0 < timeout <= sessions.CACHE_SECONDS for timeout in seen)


# Once per request --------------------------------------------------------------------------


def test_a_reading_request_reads_the_publication_settings_and_the_stamp_once(world):
    client = world.client(world.funder)
    client.get(reverse("home"))
    sql = _queries(client, reverse("home"))
    settings_reads = [q for q in sql if "agenda_publication" in q]
    assert len(settings_reads) == 1, settings_reads
    assert "measures_rolluprun" in settings_reads[0]  # the stamp came with them


def test_outside_a_reading_request_every_call_reads_afresh():
    first = Publication.load()
    Publication.objects.create(public=True)
    assert first.public is False and Publication.load().public is True
    assert scope.once("x", lambda: 1) == 1 and scope.once("x", lambda: 2) == 2


def test_a_write_reads_the_settings_it_changed(world):
    """A POST is outside the per-request answers: the settings it saves are read back as
    saved (the publishing form redirects with them applied)."""
    client = world.client(world.backbone)
    response = client.post(
        reverse("publishing"),
        {"for_funders": "on", "public": "on", "min_organizations": "4", "complete_percent": "90"},
    )
    assert response.status_code == 302
    assert Publication.load().public is True
    assert Publication.load().min_organizations == 4


# The navigation -----------------------------------------------------------------------------


def test_the_navigation_marks_the_current_page_and_follows_the_reader(world):
    page = world.client(world.backbone).get(reverse("network")).content.decode()
    assert f'<a href="{reverse("network")}" aria-current="page">' in page
    assert reverse("console") in page and reverse("report_list") in page
    page = world.client(world.member_a).get(reverse("updates")).content.decode()
    assert f'<a href="{reverse("updates")}" aria-current="page">' in page
    assert f'<a href="{reverse("network")}">' in page
    assert reverse("console") not in page and reverse("report_list") in page
    Publication.objects.update(for_funders=False)
    page = world.client(world.funder).get(reverse("updates")).content.decode()
    assert f'href="{reverse("dashboard")}"' not in page
    Publication.objects.update(for_funders=True)
    page = world.client(world.funder).get(reverse("updates")).content.decode()
    assert f'href="{reverse("dashboard")}"' in page


# Shared reads follow their data ---------------------------------------------------------------


def test_an_indicator_pages_filters_follow_the_library(world):
    client = world.client(world.member_a)
    url = reverse("indicator_dashboard", args=[world.count.code])
    page = client.get(url).content.decode()
    assert "Orange County" not in page
    world.count.reporting_organizations.add(OrganizationFactory(county="Orange"))
    page = client.get(url).content.decode()
    assert "Orange County" in page
    assert client.get(url + "?scope=county:Orange").status_code == 200


def test_an_indicator_pages_default_period_follows_a_new_baseline(world):
    client = world.client(world.member_a)
    url = reverse("indicator_dashboard", args=[world.count.code])
    client.get(url)
    Target.objects.create(
        indicator=world.count,
        kind=Target.Kind.BASELINE,
        period_type="year",
        period_start=date(2019, 1, 1),
        value=10,
    )
    response = client.get(url)
    assert response.context["filters"]["start"].key == "2019"


def test_a_new_indicator_is_offered_on_its_page_at_once(world):
    client = world.client(world.member_a)
    indicator = IndicatorFactory(code="new-one", name="A new one")
    assert client.get(reverse("indicator_dashboard", args=["new-one"])).status_code == 200
    indicator.delete()
    assert client.get(reverse("indicator_dashboard", args=["new-one"])).status_code == 404


def test_a_pathway_page_follows_the_pathway(world):
    pathway = browse_pathway(world)
    client = world.client(world.member_a)
    url = reverse("pathway_detail", args=[pathway.slug])
    assert "Nursing" in client.get(url).content.decode()
    pathway.title = "Nursing and health sciences"
    pathway.save()
    assert "Nursing and health sciences" in client.get(url).content.decode()
    pathway.delete()
    assert client.get(url).status_code == 404


def test_the_header_drawn_once_fills_in_the_readers_own_parts_escaped(world):
    world.member_a.full_name = 'Ana <b>"Bold"</b>'
    world.member_a.save()
    notify([world.member_a], "Hello", "/updates/", "updates")
    client = world.client(world.member_a)
    client.get(reverse("updates"))  # the header for this kind of page is now drawn
    page = client.get(reverse("updates"), {"q": '"><script>'}).content.decode()
    assert "Ana &lt;b&gt;&quot;Bold&quot;&lt;/b&gt;" in page and "<b>" not in page
    assert '<span class="count">1<' in page
    assert 'name="next" value="/updates/?q=%22%3E%3Cscript%3E"' in page
    assert "pc-header-" not in page  # no placeholder is left
    other = world.client(world.lead_a).get(reverse("updates")).content.decode()
    assert "Ana" not in other and "pc-header-" not in other
    assert '<span class="count">' not in other


# What a process keeps of the shared cache ---------------------------------------------------


def test_a_text_read_once_is_kept_in_the_process_under_the_same_stamp_only(monkeypatch):
    from common import cache as shared

    reads = []
    original = type(caches["default"]).get

    def counting_get(self, key, default=None, version=None):
        reads.append(key)
        return original(self, key, default, version)

    monkeypatch.setattr(type(caches["default"]), "get", counting_get)
    made = []
    for _ in range(3):
        assert shared.cached("t", ("a",), lambda: made.append(1) or "<p>A</p>", stamp="1") == (
            "<p>A</p>"
        )
    assert made == [1] and len(reads) == 1  # computed once, asked of the shared cache once
    shared.cached("t", ("a",), lambda: made.append(2) or "<p>B</p>", stamp="2")
    assert made == [1, 2]  # a new stamp is a new entry
    rows = shared.cached("t", ("rows",), lambda: [1, 2], stamp="1")
    rows.append(3)  # a reader changing what it got changes nothing for the next
    assert shared.cached("t", ("rows",), lambda: [9], stamp="1") == [1, 2]


def test_a_counter_started_again_names_no_entry_of_before():
    from common import cache as shared

    before = shared._counter("things")
    cache.clear()  # Redis emptied
    assert shared._counter("things") != before


def test_a_placeholder_in_the_address_is_never_filled_in(world):
    notify([world.member_a], "Hello", "/updates/", "updates")
    client = world.client(world.member_a)
    page = client.get(reverse("updates"), {"x": "pc-header-unread-0f5c1d"}).content.decode()
    assert 'name="next" value="/updates/?x=pc-header-unread-0f5c1d"' in page
    assert page.count('<span class="count">') == 1  # in the header, not in the form


def test_a_sign_in_moves_no_version_on(world, password):
    from common.cache import counter
    from measures.apps import SUBMISSIONS

    before = counter(SUBMISSIONS)
    client = world.client(None)
    client.post(reverse("login"), {"username": world.member_a.email, "password": password})
    assert counter(SUBMISSIONS) == before
    world.member_a.full_name = "Someone Else"
    world.member_a.save()
    assert counter(SUBMISSIONS) != before


def test_nothing_is_kept_under_a_version_that_could_not_be_read():
    from common import cache as shared

    made = []
    for _ in range(2):
        shared.cached("t", (shared.UNAVAILABLE,), lambda: made.append(1) or "x", stamp="1")
        shared.cached("t", (), lambda: made.append(1) or "x", stamp=f"{shared.UNAVAILABLE}:1")
    assert len(made) == 4
