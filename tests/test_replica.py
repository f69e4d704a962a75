"""Reads on a read replica (common/replica.py), against a second PostgreSQL database.

The replica here is a real second database: a copy of the test database made with
``CREATE DATABASE … TEMPLATE`` whenever a test says so (``replica.copy()``), as a replica
stands at one moment; afterwards it lags, since nothing replicates to it. Marks written only
into it (a name that differs) show which database each read went to. The database is dropped
at the end of the module, and the alias taken away.
"""

import io
import time
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.db import connections, router, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from common import replica as replicas
from common.cache import cached
from partners.models import Membership, Organization, Role, User

ROUTED = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


class Replica:
    def __init__(self, primary: dict):
        self.primary = primary
        self.name = f"{primary['NAME']}_replica"

    def _admin(self):
        import psycopg

        db = self.primary
        return psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )

    def copy(self) -> None:
        """The replica becomes the primary as it is now; it then lags behind it."""
        connections.close_all()  # a template database may have no one connected to it
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.primary["NAME"]}"')

    def drop(self) -> None:
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="module", autouse=True)
def replica(django_db_setup, django_db_blocker):
    """The ``replica`` alias on a database of its own, beside the test database."""
    default = connections["default"]
    if default.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    the_replica = Replica(dict(default.settings_dict))
    saved = connections.settings.get(replicas.REPLICA)
    connections.settings[replicas.REPLICA] = {
        **the_replica.primary,
        "NAME": the_replica.name,
        "TEST": {**the_replica.primary["TEST"], "NAME": the_replica.name, "MIRROR": None},
    }
    with django_db_blocker.unblock():
        the_replica.copy()
    try:
        yield the_replica
    finally:
        connections[replicas.REPLICA].close()
        del connections[replicas.REPLICA]
        if saved is None:
            del connections.settings[replicas.REPLICA]
        else:
            connections.settings[replicas.REPLICA] = saved
        with django_db_blocker.unblock():
            the_replica.drop()


@pytest.fixture
def routed(settings):
    """The settings DATABASE_REPLICA_URL gives: the router, and the middleware first."""
    settings.DATABASE_ROUTERS = ["common.replica.ReplicaRouter"]
    settings.MIDDLEWARE = ["common.replica.ReplicaMiddleware", *settings.MIDDLEWARE]
    settings.REPLICA_PIN_SECONDS = 5
    return settings


def during(method: str, read, cookies=None):
    """What ``read()`` gives inside a request of this method, and the response."""
    request = RequestFactory().generic(method, "/")
    request.COOKIES.update(cookies or {})
    seen = []

    def view(request):
        seen.append(read())
        return HttpResponse()

    # Where reads go, the replica being up (a stopped one has a test of its own).
    with mock.patch.object(replicas, "replica_reachable", return_value=True):
        response = replicas.ReplicaMiddleware(view)(request)
    return seen[0], response


def read_of(model):
    return lambda: router.db_for_read(model)


# Where each read goes -------------------------------------------------------------------------


def test_read_only_requests_read_the_replica_and_others_the_primary(routed):
    assert during("GET", read_of(Organization))[0] == "replica"
    assert during("HEAD", read_of(Organization))[0] == "replica"
    for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
        assert during(method, read_of(Organization))[0] == "default", method
    assert router.db_for_read(Organization) == "default"  # outside a request: a task, a command
    assert router.db_for_write(Organization) == "default"


@pytest.mark.parametrize(
    "model",
    [
        User,
        User.groups.through,
        Membership,
        Session,
        "auth.Permission",
        "axes.AccessAttempt",
        "partners.ApiToken",
        "partners.Invitation",
    ],
)
def test_what_signing_in_and_access_rest_on_is_read_on_the_primary(routed, model):
    from django.apps import apps

    if isinstance(model, str):
        model = apps.get_model(model)
    assert during("GET", read_of(model))[0] == "default"


def test_a_read_only_request_that_writes_reads_the_primary_after_and_is_pinned(routed):
    def write_then_read():
        router.db_for_write(Organization)
        return router.db_for_read(Organization)

    where, response = during("GET", write_then_read)
    assert where == "default"
    assert replicas.PIN_COOKIE in response.cookies

    # Saving a session (or a token's last use) is no write of data: the replica still, no pin.
    def save_a_session_then_read():
        router.db_for_write(Session)
        return router.db_for_read(Organization)

    where, response = during("GET", save_a_session_then_read)
    assert where == "replica"
    assert replicas.PIN_COOKIE not in response.cookies


def test_a_write_pins_the_browser_to_the_primary_for_a_few_seconds(routed):
    _where, response = during("POST", read_of(Organization))
    morsel = response.cookies[replicas.PIN_COOKIE]
    assert morsel["max-age"] == 5 and morsel["httponly"] and morsel["samesite"] == "Lax"
    pin = {replicas.PIN_COOKIE: morsel.value}
    assert during("GET", read_of(Organization), pin)[0] == "default"
    later = time.time() + 6
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert during("GET", read_of(Organization), pin)[0] == "replica"
    forged = {replicas.PIN_COOKIE: "1"}
    assert during("GET", read_of(Organization), forged)[0] == "replica"
    routed.REPLICA_PIN_SECONDS = 0  # no pin at all
    assert replicas.PIN_COOKIE not in during("POST", read_of(Organization))[1].cookies


def test_what_is_cached_is_computed_on_the_primary(routed):
    def fill_the_cache():
        return cached("test-replica", (time.time(),), read_of(Organization), stamp="1")

    assert during("GET", fill_the_cache)[0] == "default"


@ROUTED
def test_reads_inside_a_transaction_go_to_the_primary(routed):
    def in_a_transaction():
        with transaction.atomic():
            return router.db_for_read(Organization)

    assert during("GET", in_a_transaction)[0] == "default"


def test_the_replica_is_never_migrated(routed):
    assert router.allow_migrate("replica", "partners", model_name="organization") is False
    assert router.allow_migrate("default", "partners", model_name="organization") is not False


# Against the second database ------------------------------------------------------------------


def mark_in_replica(organization: Organization, name: str) -> None:
    Organization.objects.using("replica").filter(pk=organization.pk).update(name=name)


def explorer_search():
    """The explorer searched in words: drawn for its visitor from the database it reads (what
    is shared between visitors is computed on the primary, common/cache.py)."""
    return Client().get(reverse("explore"), {"q": "Nursing"})


def public_pathway_named_otherwise_in_the_replica(world, replica):
    """A public pathway, copied to the replica, whose title only the replica has changed."""
    from tests.test_access_matrix import browse_pathway

    pathway = browse_pathway(world)
    pathway.public = True
    pathway.save()
    replica.copy()
    pathway.__class__.objects.using("replica").filter(pk=pathway.pk).update(
        title_en="Nursing, as the replica has it"
    )
    return pathway


@ROUTED
def test_an_anonymous_page_reads_the_replica(world, routed, replica):
    public_pathway_named_otherwise_in_the_replica(world, replica)
    page = explorer_search()
    assert page.status_code == 200
    assert "Nursing, as the replica has it" in page.text


@ROUTED
def test_a_replica_that_cannot_be_reached_leaves_pages_reading_the_primary(
    world, routed, replica, monkeypatch
):
    """A stopped replica is no error page: the request reads the primary, and the replica
    is not tried again for REPLICA_RETRY_SECONDS."""
    from django.db import OperationalError

    public_pathway_named_otherwise_in_the_replica(world, replica)
    connections["replica"].close()
    attempts = []

    def refuse():
        attempts.append(1)
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["replica"], "ensure_connection", refuse)
    monkeypatch.setattr(replicas, "_unreachable_until", 0.0)
    for _request in range(3):
        page = explorer_search()
        assert page.status_code == 200
        assert "Nursing, as the replica has it" not in page.text
    assert len(attempts) == 1  # tried once, then left alone for a while
    monkeypatch.setattr(replicas, "_unreachable_until", 0.0)  # the while is over
    monkeypatch.undo()
    page = explorer_search()
    assert "Nursing, as the replica has it" in page.text


@ROUTED
def test_a_write_goes_to_the_primary_and_its_writer_reads_the_primary_next(world, routed, replica):
    from tests.test_partners import edit_data

    replica.copy()
    mark_in_replica(world.org_a, "Durham Tech (replica)")
    staff = world.client(world.backbone)  # signed in after the copy: the replica lacks the session
    page = staff.get(reverse("organization_detail", args=[world.org_a.slug]))
    assert "Durham Tech (replica)" in page.text  # a read-only request reads the replica

    url = reverse("organization_edit", args=[world.org_b.slug])
    loaded = staff.get(url).text.split('name="loaded" value="')[1].split('"')[0]
    data = edit_data(world.org_b, description="Written just now.", loaded=loaded)
    response = staff.post(url, data, follow=True)  # the form, then the page it redirects to
    assert response.redirect_chain and response.status_code == 200
    assert "Written just now." in response.text  # read on the primary: the writer is pinned
    assert Organization.objects.using("default").get(pk=world.org_b.pk).description == (
        "Written just now."
    )
    assert Organization.objects.using("replica").get(pk=world.org_b.pk).description != (
        "Written just now."
    )
    page = staff.get(reverse("organization_detail", args=[world.org_a.slug]))
    assert "Durham Tech (replica)" not in page.text and "Durham Tech" in page.text

    # Someone else, not pinned, still reads the replica (and its lag).
    other = world.client(world.lead_b)
    page = other.get(reverse("organization_detail", args=[world.org_b.slug]))
    assert "Written just now." not in page.text
    # And the writer too, once the pin has run out.
    later = time.time() + 6
    with mock.patch("django.core.signing.time.time", return_value=later):
        page = staff.get(reverse("organization_detail", args=[world.org_a.slug]))
    assert "Durham Tech (replica)" in page.text


@ROUTED
def test_tasks_and_commands_read_the_primary(world, routed, replica):
    from communication.models import Notification
    from communication.tasks import email_notifications
    from measures.models import Indicator

    replica.copy()
    Indicator.objects.using("replica").filter(code="enrolled").update(code="enrolled-replica")
    out = io.StringIO()
    call_command("audit_disclosure", "--indicator", "enrolled", "--no-ranges", stdout=out)
    assert "enrolled" in out.getvalue()  # on the replica: "No indicator has the code"

    notification = Notification.objects.create(
        user=world.lead_a, text="Your report was approved.", kind="reports"
    )  # only on the primary
    assert email_notifications.apply(args=[[notification.pk], "reports"]).get() == 1
    assert [message.to for message in mail.outbox] == [[world.lead_a.email]]


@ROUTED
def test_signing_in_works_while_the_replica_lacks_the_person_and_the_session(
    world, routed, replica, password
):
    from axes.models import AccessAttempt

    from tests.factories import person

    replica.copy()
    newcomer = person("newcomer@example.org", world.org_a, Role.MEMBER)  # only on the primary
    routed.REPLICA_PIN_SECONDS = 0  # no pin: the sign-in holds by what it reads where
    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("login"))
    token = browser.cookies["csrftoken"].value
    wrong = browser.post(
        reverse("login"),
        {"username": newcomer.email, "password": "not-it", "csrfmiddlewaretoken": token},
    )
    assert wrong.status_code == 200
    assert AccessAttempt.objects.using("default").count() == 1
    response = browser.post(
        reverse("login"),
        {"username": newcomer.email, "password": password, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302, response.text[:500]
    home = browser.get(reverse("home"))
    assert home.status_code == 200
    assert newcomer.email in home.text or "Welcome" in home.text
    assert not Session.objects.using("replica").exists()
    assert not User.objects.using("replica").filter(email=newcomer.email).exists()


@ROUTED
def test_the_health_check_tells_the_replicas_state(routed):
    body = Client().get(reverse("healthz")).json()
    assert body["database"] == "ok" and body["replica"] == "ok"
