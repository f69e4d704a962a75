"""Mutually reinforcing activities: commitments, progress, the matrix, and the agenda's
strategies that commitments hang on."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.matrix import audience_key, build_matrix
from activities.models import Commitment, CommitmentStatus, ProgressUpdate
from agenda import versions
from agenda.actions import ensure_first_version
from agenda.models import Agenda, AgendaVersion, Goal, Strategy
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(world):
    goal = Goal.objects.create(title="Graduate ready")
    return Strategy.objects.create(goal=goal, title="Career fairs")


def commit(strategy, organization, title="Fair", audience="Juniors", status="active", **kw):
    return Commitment.objects.create(
        strategy=strategy,
        organization=organization,
        title=title,
        audience=audience,
        start=kw.pop("start", date(2025, 1, 1)),
        status=status,
        **kw,
    )


def form_data(strategy, organization, **overrides):
    return {
        "strategy": strategy.pk,
        "organization": organization.pk,
        "title": "Spring career fair",
        "audience": "11th graders",
        "start": "2025-03-01",
        "end": "2025-06-30",
        "status": "planned",
        **overrides,
    }


# Recording commitments -------------------------------------------------------------------


def test_member_records_a_commitment_for_their_organization(world, strategy):
    client = world.client(world.member_a)
    page = client.get(reverse("commitment_create") + f"?strategy={strategy.pk}")
    assert page.status_code == 200
    assert page.context["form"].initial == {"strategy": strategy.pk, "organization": world.org_a.pk}
    # Only their own organization is on offer.
    assert list(page.context["form"].fields["organization"].queryset) == [world.org_a]
    data = form_data(strategy, world.org_a, indicators=[world.count.pk])
    response = client.post(reverse("commitment_create"), data)
    commitment = Commitment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("commitment_detail", args=[commitment.pk])
    assert (commitment.organization, commitment.created_by) == (world.org_a, world.member_a)
    assert list(commitment.indicators.all()) == [world.count]
    detail = client.get(response.url)
    assert "Spring career fair" in detail.text
    assert "Participants enrolled" in detail.text


def test_member_cannot_record_for_another_organization(world, strategy):
    client = world.client(world.member_a)
    response = client.post(reverse("commitment_create"), form_data(strategy, world.org_b))
    assert response.status_code == 400
    assert "organization" in response.context["form"].errors
    assert not Commitment.objects.exists()


def test_backbone_records_for_any_organization(world, strategy):
    client = world.client(world.backbone)
    response = client.post(reverse("commitment_create"), form_data(strategy, world.org_b))
    assert response.status_code == 302
    assert Commitment.objects.get().organization == world.org_b


def test_funder_reads_but_records_nothing(world, strategy):
    commitment = commit(strategy, world.org_a)
    client = world.client(world.funder)
    assert client.get(reverse("activities")).status_code == 200
    assert client.get(reverse("commitment_detail", args=[commitment.pk])).status_code == 200
    assert client.get(reverse("commitment_create")).status_code == 403
    response = client.post(reverse("commitment_create"), form_data(strategy, world.org_a))
    assert response.status_code == 403
    for name in ("commitment_edit", "commitment_delete", "commitment_progress"):
        assert client.post(reverse(name, args=[commitment.pk])).status_code == 403
    assert Commitment.objects.count() == 1
    page = client.get(reverse("activities"))
    assert "Record a commitment" not in page.text


def test_another_organization_reads_but_does_not_change(world, strategy):
    commitment = commit(strategy, world.org_a)
    client = world.client(world.lead_b)
    detail = client.get(reverse("commitment_detail", args=[commitment.pk]))
    assert detail.status_code == 200
    assert detail.context["progress_form"] is None
    assert not detail.context["can_change"]
    assert client.get(reverse("commitment_edit", args=[commitment.pk])).status_code == 403
    assert client.post(reverse("commitment_delete", args=[commitment.pk])).status_code == 403
    response = client.post(
        reverse("commitment_progress", args=[commitment.pk]), {"text": "x", "status": "done"}
    )
    assert response.status_code == 403
    assert Commitment.objects.get().status == "active"
    assert client.get(reverse("commitment_detail", args=[9999])).status_code == 404


def test_member_edits_and_deletes_their_commitment(world, strategy):
    commitment = commit(strategy, world.org_a)
    client = world.client(world.member_a)
    data = form_data(strategy, world.org_a, title="Autumn fair", status="active")
    response = client.post(reverse("commitment_edit", args=[commitment.pk]), data)
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.title, commitment.status) == ("Autumn fair", "active")
    assert client.get(reverse("commitment_delete", args=[commitment.pk])).status_code == 200
    response = client.post(reverse("commitment_delete", args=[commitment.pk]))
    assert response.status_code == 302
    assert not Commitment.objects.exists()


def test_until_before_from_is_an_error_beside_the_field(world, strategy):
    client = world.client(world.member_a)
    data = form_data(strategy, world.org_a, start="2025-06-01", end="2025-01-01")
    response = client.post(reverse("commitment_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["“Until” cannot come before “From”."]
    assert "“Until” cannot come before “From”." in response.text
    assert not Commitment.objects.exists()


# Progress ----------------------------------------------------------------------------------


def test_progress_update_moves_the_status(world, strategy):
    commitment = commit(strategy, world.org_a, status="planned")
    client = world.client(world.member_a)
    url = reverse("commitment_progress", args=[commitment.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"text": "First fair held: 120 students.", "status": "active"})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.ACTIVE
    update = ProgressUpdate.objects.get()
    assert (update.author, update.status) == (world.member_a, "active")
    detail = client.get(reverse("commitment_detail", args=[commitment.pk]))
    assert "First fair held: 120 students." in detail.text
    assert detail.context["progress_form"].initial["status"] == "active"


def test_empty_progress_is_refused_with_the_error_beside_the_field(world, strategy):
    commitment = commit(strategy, world.org_a, status="planned")
    client = world.client(world.lead_a)
    url = reverse("commitment_progress", args=[commitment.pk])
    response = client.post(url, {"text": "", "status": "done"})
    assert response.status_code == 400
    assert "text" in response.context["progress_form"].errors
    assert not ProgressUpdate.objects.exists()
    assert Commitment.objects.get().status == "planned"


def test_progress_is_the_organizations_own(world, strategy):
    """Backbone staff may edit any commitment, but progress is posted by its organization."""
    commitment = commit(strategy, world.org_a)
    client = world.client(world.backbone)
    assert client.get(reverse("commitment_edit", args=[commitment.pk])).status_code == 200
    url = reverse("commitment_progress", args=[commitment.pk])
    assert client.post(url, {"text": "x", "status": "done"}).status_code == 403


# The matrix -------------------------------------------------------------------------------


@pytest.fixture
def agenda(world):
    """Five strategies that show each case of the rules."""
    goal = Goal.objects.create(title="Graduate ready", order=0)
    other = Goal.objects.create(title="Start a career", order=1)
    c = OrganizationFactory(name="Central Library", slug="library")
    s = {
        name: Strategy.objects.create(goal=goal if i < 3 else other, title=name, order=i)
        for i, name in enumerate(["Nobody", "Crowded", "Same audience", "Different", "Finished"])
    }
    commit(s["Crowded"], world.org_a, audience="Juniors")
    commit(s["Crowded"], world.org_b, audience="Seniors", status="planned")
    commit(s["Crowded"], c, audience="Parents")
    commit(s["Same audience"], world.org_a, audience="High-school juniors")
    commit(s["Same audience"], world.org_b, audience="high school  Juniors", status="planned")
    commit(s["Different"], world.org_a, audience="Juniors")
    commit(s["Different"], world.org_b, audience="Juniors", status="paused")  # does not count
    commit(s["Finished"], world.org_a, status="done")
    return s


def test_audience_key_ignores_case_spaces_and_punctuation():
    assert audience_key("High-school  Juniors!") == audience_key("high school juniors")
    assert audience_key("Juniors") != audience_key("Seniors")


def test_matrix_flags_gaps_and_overlaps_by_the_rule(world, agenda):
    matrix = build_matrix()
    rows = {row.strategy.title: row for row in matrix.rows}
    assert [row.strategy.title for row in matrix.gaps] == ["Nobody", "Finished"]
    assert [row.strategy.title for row in matrix.overlaps] == ["Crowded", "Same audience"]
    assert rows["Crowded"].crowded and not rows["Crowded"].shared_audiences
    [shared] = rows["Same audience"].shared_audiences
    assert {o.name for o in shared.organizations} == {"Durham Tech", "Durham Public Schools"}
    assert not rows["Different"].gap and not rows["Different"].overlap
    # Columns: the organizations with any commitment, by name.
    assert [o.name for o in matrix.organizations] == [
        "Central Library",
        "Durham Public Schools",
        "Durham Tech",
    ]
    assert [group.goal.title for group in matrix.goals] == ["Graduate ready", "Start a career"]
    assert rows["Crowded"].total == 3


def test_matrix_page_says_the_rules_and_flags_in_words(world, agenda):
    response = world.client(world.member_a).get(reverse("activities"))
    assert response.status_code == 200
    text = response.text
    assert "Gap: no organization has a commitment under the strategy" in text
    assert "Overlap: three or more organizations" in text
    assert "2 gaps" in text and "2 overlaps" in text
    assert "3 organizations are working on it." in text
    assert "Same audience (“high school  Juniors”): Durham Public Schools, Durham Tech." in text
    assert '<caption id="matrix-caption">' in text
    assert '<th scope="row">Nobody' in text
    assert "Under way" in text and "Planned" in text


def test_show_all_partners_adds_columns_but_not_the_backbone_or_funders(world, agenda):
    OrganizationFactory(name="Quiet Partner", slug="quiet")
    matrix = build_matrix(show_all=True)
    names = [o.name for o in matrix.organizations]
    assert "Quiet Partner" in names
    assert "Backbone" not in names and "A Foundation" not in names
    response = world.client(world.funder).get(reverse("activities") + "?columns=all")
    assert "Quiet Partner" in response.text
    assert "Quiet Partner" not in world.client(world.funder).get(reverse("activities")).text


def test_matrix_fragment_for_htmx(world, agenda):
    response = world.client(world.member_a).get(
        reverse("activities") + "?columns=all", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="matrix">')
    assert "<html" not in response.text


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def test_matrix_and_detail_queries_do_not_grow_with_the_data(world, agenda):
    client = world.client(world.member_a)
    commitment = Commitment.objects.filter(organization=world.org_a).first()
    urls = [
        reverse("activities"),
        reverse("activities") + "?columns=all",
        reverse("commitment_detail", args=[commitment.pk]),
        reverse("agenda"),
    ]
    for url in urls:  # the agenda page records version 1 on its first visit
        client.get(url)
    small = {url: count_queries(client, url)[0] for url in urls}
    # Many more goals, strategies, organizations, commitments and updates.
    for g in range(4):
        goal = Goal.objects.create(title=f"More {g}", order=10 + g)
        for i in range(5):
            strategy = Strategy.objects.create(goal=goal, title=f"S{g}.{i}")
            for n in range(4):
                organization = OrganizationFactory(name=f"Org {g}{i}{n}", slug=f"org-{g}{i}{n}")
                commit(strategy, organization, audience=f"A{n}")
    for n in range(5):
        ProgressUpdate.objects.create(commitment=commitment, author=world.member_a, text=f"{n}")
    commitment.indicators.set([world.count, world.share])
    for url in urls:
        large, sql = count_queries(client, url)
        assert large == small[url], url + "\n" + "\n".join(sql)


def test_agenda_page_shows_each_strategys_commitments(world, agenda):
    response = world.client(world.funder).get(reverse("agenda"))
    assert "3 commitments recorded" in response.text
    assert "0 commitments recorded" in response.text
    assert reverse("activities") + f"#strategy-{agenda['Crowded'].pk}" in response.text


# Strategies and goals that commitments hang on --------------------------------------------


def post(client, name, data, *args):
    return client.post(reverse(name, args=args), {"base_version": versions.latest_number(), **data})


def test_deleting_a_strategy_with_commitments_is_refused_and_changes_nothing(world, strategy):
    commit(strategy, world.org_a, title="Spring fair")
    commit(strategy, world.org_b, title="Tours")
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    before = versions.latest_number()
    response = post(client, "strategy_delete", {"summary": ""}, strategy.pk)
    assert response.status_code == 409
    text = response.text
    assert "“Career fairs” was not deleted: 2 commitments are recorded under it." in text
    assert "“Spring fair” (Durham Tech, under “Career fairs”)" in text
    assert "“Tours” (Durham Public Schools, under “Career fairs”)" in text
    assert "Nothing was changed." in text
    assert Strategy.objects.filter(pk=strategy.pk).exists()
    assert Commitment.objects.count() == 2
    assert versions.latest_number() == before


def test_deleting_a_goal_whose_strategy_has_commitments_is_refused(world, strategy):
    commit(strategy, world.org_a, title="Spring fair")
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    before = versions.latest_number()
    response = post(client, "goal_delete", {"summary": ""}, strategy.goal.pk)
    assert response.status_code == 409
    assert "“Graduate ready” was not deleted: 1 commitment is recorded under it." in response.text
    assert "“Spring fair” (Durham Tech, under “Career fairs”)" in response.text
    assert Goal.objects.count() == 1 and Strategy.objects.count() == 1
    assert versions.latest_number() == before


def test_deleting_a_strategy_without_commitments_still_works(world, strategy):
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    response = post(client, "strategy_delete", {"summary": ""}, strategy.pk)
    assert response.status_code == 302
    assert not Strategy.objects.exists()


def test_restoring_a_version_that_would_delete_a_strategy_with_commitments_is_refused(world):
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)  # version 1: no goals
    post(client, "goal_create", {"title_en": "Graduate ready", "description_en": "", "order": 0})
    goal = Goal.objects.get()
    post(
        client, "strategy_create", {"title": "Career fairs", "description": "", "order": 0}, goal.pk
    )
    post(client, "agenda_edit", {"title_en": "Changed title", "vision_en": "v"})
    strategy = Strategy.objects.get()
    commit(strategy, world.org_a, title="Spring fair")
    latest = versions.latest_number()
    snapshot = AgendaVersion.objects.get(number=latest).snapshot

    response = post(client, "agenda_restore", {"summary": ""}, 1)
    assert response.status_code == 302
    assert response.url == reverse("agenda_version", args=[1])
    page = client.get(response.url)
    message = [str(m) for m in page.context["messages"]][-1]
    assert message.startswith(
        "Version 1 was not restored: it would delete the strategy “Career fairs”"
    )
    assert "“Spring fair” (Durham Tech, under “Career fairs”)" in message
    assert "Nothing was changed." in message
    # Nothing changed: the agenda, its goals and strategies, the history.
    assert versions.latest_number() == latest
    assert versions.snapshot() == snapshot
    assert Agenda.load().title == "Changed title"
    assert Commitment.objects.get().strategy == strategy

    # Once the commitment is moved (here: deleted), the restore goes through.
    Commitment.objects.all().delete()
    response = post(client, "agenda_restore", {"summary": ""}, 1)
    assert response.status_code == 302 and response.url == reverse("agenda")
    assert not Strategy.objects.exists()
