"""The network: partnerships, working groups, and the network map with its health metrics.

The metrics are checked against networkx on graphs whose answers are known (a star, a path, a
complete graph, two components, an empty graph) and on random graphs with fixed seeds."""

from datetime import date, timedelta

import networkx as nx
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network import map as network
from network.actions import rotate_lead
from network.map import Node, build_graph, health, over_time, quarter_ends
from network.models import LeadTerm, Partnership, WorkingGroup
from partners.models import SectorType
from pathways.models import CareerCluster, Pathway, Sector, Step
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

SECTORS = [SectorType.K12, SectorType.COLLEGE, SectorType.EMPLOYER, SectorType.WORKFORCE]


# Metrics against networkx -------------------------------------------------------------------


def as_graph(g: nx.Graph) -> network.Graph:
    nodes = [Node(pk, f"Org {pk:03d}", f"org-{pk}", SECTORS[pk % len(SECTORS)]) for pk in g]
    ties = {(min(a, b), max(a, b)): ["mou"] for a, b in g.edges}
    return network.Graph(nodes=nodes, ties=ties)


def freeman(g: nx.Graph) -> float | None:
    """Freeman's degree centralization from networkx's normalised degree centrality:
    Σ(max c − c_i) / (n − 2), the same as Σ(max d − d_i) / ((n − 1)(n − 2))."""
    n = g.number_of_nodes()
    if n < 3:
        return None
    centrality = nx.degree_centrality(g)
    top = max(centrality.values())
    return sum(top - c for c in centrality.values()) / (n - 2)


def two_components():
    g = nx.complete_graph(3)  # a triangle 0-1-2
    g.add_edges_from([(3, 4), (4, 5), (5, 6)])  # and a path 3-4-5-6
    return g


def empty_graph():
    return nx.empty_graph(5)


KNOWN = {
    "star": (nx.star_graph(5), 1.0),  # a centre and five leaves: the most centralized
    "path": (nx.path_graph(5), 2 / 12),  # degrees 1,2,2,2,1: Σ(2−d) = 2 over 4·3
    "complete": (nx.complete_graph(6), 0.0),
    "two components": (two_components(), (3 * 0 + 1 + 0 + 0 + 1) / (6 * 5)),
    "empty": (empty_graph(), 0.0),
}


@pytest.mark.parametrize("name", KNOWN)
def test_metrics_match_networkx_on_known_graphs(name):
    g, expected_centralization = KNOWN[name]
    figures = health(as_graph(g))
    assert figures.organizations == g.number_of_nodes()
    assert figures.ties == g.number_of_edges()
    assert figures.density == pytest.approx(nx.density(g))
    assert figures.centralization == pytest.approx(freeman(g))
    assert figures.centralization == pytest.approx(expected_centralization)
    assert {n.pk for n in figures.isolated} == set(nx.isolates(g))


@pytest.mark.parametrize("seed", range(6))
def test_metrics_match_networkx_on_random_graphs(seed):
    g = nx.gnp_random_graph(14, 0.2, seed=seed)
    graph = as_graph(g)
    figures = health(graph)
    assert figures.density == pytest.approx(nx.density(g))
    assert figures.centralization == pytest.approx(freeman(g))
    assert {n.pk for n in figures.isolated} == set(nx.isolates(g))
    sector = {node.pk: node.sector for node in graph.nodes}
    crossing = [e for e in g.edges if sector[e[0]] != sector[e[1]]]
    if g.number_of_edges():
        assert figures.cross_sector == pytest.approx(len(crossing) / g.number_of_edges())
        assert figures.hub_share * g.number_of_edges() == max(d for _, d in g.degree)


def test_small_and_empty_networks_have_no_centralization():
    assert health(as_graph(nx.empty_graph(0))).density == 0
    assert health(as_graph(nx.path_graph(2))).centralization is None
    assert health(as_graph(nx.empty_graph(1))).cross_sector is None


def test_hub_warning_for_a_star_but_not_for_a_ring():
    star = health(as_graph(nx.star_graph(4)))
    assert star.hub.pk == 0 and star.hub_share == 1.0
    assert star.hub_warning and star.centralization_warning and star.warning
    ring = health(as_graph(nx.cycle_graph(6)))
    assert not ring.warning and ring.centralization == 0
    # One tie between two organizations is not a hub.
    assert not health(as_graph(nx.path_graph(2))).warning


def test_ties_are_active_partnerships_and_pairs_count_once():
    nodes = [Node(1, "A", "a", "k12"), Node(2, "B", "b", "college"), Node(3, "C", "c", "k12")]
    day = date(2025, 6, 30)
    rows = [
        (1, 2, "mou", date(2024, 1, 1), None),
        (2, 1, "referral", date(2025, 1, 1), day),  # the same pair; the end day still counts
        (1, 3, "mou", date(2024, 1, 1), day - timedelta(days=1)),  # ended the day before
        (2, 3, "mou", day + timedelta(days=1), None),  # not started yet
    ]
    graph = build_graph(nodes, rows, day)
    assert graph.ties == {(1, 2): ["mou", "referral"]}
    figures = health(graph)
    assert figures.ties == 1 and figures.cross_sector == 1.0
    assert [n.name for n in figures.isolated] == ["C"]


# Over time ------------------------------------------------------------------------------------


def test_the_last_eight_quarters_end_on_or_before_the_day():
    quarters = quarter_ends(date(2025, 5, 10))
    assert [q.label for q in quarters] == [
        "2023 Q2", "2023 Q3", "2023 Q4", "2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1",
    ]  # fmt: skip
    assert quarters[-1].end == date(2025, 3, 31)
    assert quarter_ends(date(2025, 6, 30))[-1].end == date(2025, 6, 30)


def test_figures_over_time_count_partnerships_active_at_each_quarter_end():
    nodes = [Node(i, f"O{i}", f"o{i}", SECTORS[i % 4]) for i in range(1, 5)]
    rows = [
        (1, 2, "mou", date(2023, 5, 1), None),  # from 2023 Q2 on
        (1, 3, "mou", date(2024, 1, 1), date(2024, 6, 30)),  # 2024 Q1 and Q2 (end day counts)
        (1, 4, "mou", date(2024, 10, 1), None),  # from 2024 Q4
        (3, 4, "mou", date(2025, 4, 1), None),  # after the last quarter shown
    ]
    history = over_time(nodes, rows, date(2025, 5, 10))
    assert [(q.label, h.ties) for q, h in history] == [
        ("2023 Q2", 1), ("2023 Q3", 1), ("2023 Q4", 1), ("2024 Q1", 2),
        ("2024 Q2", 2), ("2024 Q3", 1), ("2024 Q4", 2), ("2025 Q1", 2),
    ]  # fmt: skip
    q2_2024 = {q.label: h for q, h in history}["2024 Q2"]
    assert q2_2024.density == pytest.approx(2 / 6)
    assert [n.pk for n in q2_2024.isolated] == [4]


def test_the_network_page_shows_the_history_table(world):
    c = OrganizationFactory(name="Employer C", slug="employer-c", sector_type=SectorType.EMPLOYER)
    partner(world.org_a, world.org_b, date(2024, 2, 1))
    partner(world.org_a, c, date(2024, 8, 1), end=date(2024, 12, 31))
    response = world.client(world.member_a).get(reverse("network") + "?on=2025-02-15")
    assert response.status_code == 200
    history = response.context["view"].history
    assert [(q.label, h.ties) for q, h in history] == [
        ("2023 Q1", 0), ("2023 Q2", 0), ("2023 Q3", 0), ("2023 Q4", 0),
        ("2024 Q1", 1), ("2024 Q2", 1), ("2024 Q3", 2), ("2024 Q4", 2),
    ]  # fmt: skip
    page = response.content.decode()
    assert "Network health at each quarter" in page
    assert "2024 Q3" in page and 'aria-labelledby="network-ties-title network-ties-desc"' in page
    # On the chosen day the tie to Employer C has ended.
    assert response.context["view"].health.ties == 1


# Partnerships -------------------------------------------------------------------------------


def partner(a, b, start, end=None, kind="mou"):
    return Partnership.objects.create(first=a, second=b, kind=kind, start=start, end=end)


@pytest.fixture
def pathway(world):
    sector = Sector.objects.create(slug="life-sciences", name="Life sciences")
    cluster = CareerCluster.objects.create(code="health", name="Health Science")
    return Pathway.objects.create(
        slug="biowork", title="Biomanufacturing", sector=sector, cluster=cluster,
        owner=world.backbone_org,
    )  # fmt: skip


def form_data(first, second, **extra):
    return {
        "first": first.pk,
        "second": second.pk,
        "kind": "co_delivery",
        "start": "2025-01-15",
        "end": "",
        "description": "Dual enrollment",
        **extra,
    }


def test_a_partnership_with_itself_is_refused_by_the_model(world):
    same = Partnership(first=world.org_a, second=world.org_a, kind="mou", start=date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        same.full_clean()
    assert "second" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        same.save()  # and by the database


def test_a_partnership_with_itself_is_refused_by_the_form(world):
    client = world.client(world.backbone)
    response = client.post(reverse("partnership_create"), form_data(world.org_a, world.org_a))
    assert response.status_code == 400
    assert response.context["form"].errors["second"] == [
        "A partnership is between two different organizations."
    ]
    page = response.content.decode()
    assert 'id="id_second_error"' in page  # beside the field, and the field points to it
    assert 'aria-describedby="id_second_error"' in page or "id_second_error" in page
    assert not Partnership.objects.exists()


def test_the_end_comes_after_the_start(world):
    client = world.client(world.backbone)
    data = form_data(world.org_a, world.org_b, start="2025-03-01", end="2025-02-01")
    response = client.post(reverse("partnership_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["The end comes after the start."]
    assert not Partnership.objects.exists()


def test_backbone_records_a_partnership_with_its_pathways(world, pathway):
    client = world.client(world.backbone)
    data = form_data(world.org_a, world.org_b, pathways=[pathway.pk])
    response = client.post(reverse("partnership_create"), data)
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("partnership_detail", args=[partnership.pk])
    assert partnership.created_by == world.backbone
    assert list(pathway.partnerships.all()) == [partnership]
    # Editing: end it, and take the pathway off.
    edit = reverse("partnership_edit", args=[partnership.pk])
    assert client.get(edit).context["form"].initial["pathways"] == [pathway.pk]
    response = client.post(edit, form_data(world.org_a, world.org_b, end="2025-06-30"))
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.end == date(2025, 6, 30)
    assert not pathway.partnerships.exists()
    detail = client.get(reverse("partnership_detail", args=[partnership.pk]))
    assert "Durham Tech – Durham Public Schools" in detail.content.decode()


def test_a_lead_records_partnerships_of_their_own_organization_only(world):
    other = OrganizationFactory(name="Other College", slug="other-college")
    client = world.client(world.lead_b)
    assert client.get(reverse("partnership_create")).context["form"].initial["first"] == (
        world.org_b.pk
    )
    response = client.post(reverse("partnership_create"), form_data(world.org_a, other))
    assert response.status_code == 400
    assert response.context["form"].errors["first"] == [
        "One of the two organizations must be one you lead."
    ]
    response = client.post(reverse("partnership_create"), form_data(other, world.org_b))
    assert response.status_code == 302
    theirs = Partnership.objects.get()
    assert client.get(reverse("partnership_edit", args=[theirs.pk])).status_code == 200
    not_theirs = partner(world.org_a, other, date(2025, 1, 1))
    assert client.get(reverse("partnership_edit", args=[not_theirs.pk])).status_code == 403
    # A member (not a lead) of org A may not edit org A's partnership; a funder nothing.
    member = world.client(world.member_a)
    assert member.get(reverse("partnership_edit", args=[not_theirs.pk])).status_code == 403
    assert member.get(reverse("partnership_detail", args=[not_theirs.pk])).status_code == 200
    funder = world.client(world.funder)
    assert funder.get(reverse("partnership_list")).status_code == 200
    data = form_data(world.org_a, other)
    assert funder.post(reverse("partnership_edit", args=[not_theirs.pk]), data).status_code == 403
    assert funder.post(reverse("partnership_create"), data).status_code == 403


def test_the_partnership_list_filters_by_kind_organization_and_status(world):
    other = OrganizationFactory(name="Other College", slug="other-college")
    today = timezone.localdate()
    mou = partner(world.org_a, world.org_b, today - timedelta(days=30))
    referral = partner(world.org_b, other, today - timedelta(days=90), kind="referral")
    ended = partner(world.org_a, other, date(2020, 1, 1), end=date(2021, 1, 1), kind="funding")
    client = world.client(world.member_a)
    url = reverse("partnership_list")

    def listed(query=""):
        response = client.get(url + query)
        assert response.status_code == 200
        return list(response.context["partnerships"])

    assert listed() == [mou, referral, ended]
    assert listed("?kind=referral") == [referral]
    assert listed("?organization=durham-tech") == [mou, ended]
    assert listed("?organization=durham-tech&status=active") == [mou]
    assert listed("?status=ended") == [ended]
    assert listed("?kind=nonsense") == [mou, referral, ended]  # a bad filter filters nothing
    # An htmx request that is not boosted gets the results only.
    fragment = client.get(url + "?kind=referral", headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="results">') and "<html" not in body
    assert "Other College" in body


def test_the_partnership_list_queries_do_not_grow(world, pathway):
    client = world.client(world.member_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("partnership_list")).status_code == 200
        return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]

    partner(world.org_a, world.org_b, date(2025, 1, 1)).pathways.add(pathway)
    small, _ = count()
    for i in range(10):
        org = OrganizationFactory(name=f"Employer {i}", sector_type=SectorType.EMPLOYER)
        partner(world.org_a, org, date(2025, 1, 1)).pathways.add(pathway)
    large, sql = count()
    assert large == small, "\n".join(sql)


# Working groups -----------------------------------------------------------------------------


@pytest.fixture
def group(world):
    group = WorkingGroup.objects.create(
        slug="employer-engagement",
        name="Employer engagement",
        charter="## Purpose\n\nBring **employers** in.<script>alert(1)</script>",
    )
    group.members.add(world.member_a, world.lead_b)
    LeadTerm.objects.create(group=group, lead=world.lead_b, start=date(2024, 1, 1))
    return group


def test_a_member_reads_a_working_group(world, group):
    response = world.client(world.member_a).get(reverse("working_group_detail", args=[group.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h3>Purpose</h3>" in page and "<strong>employers</strong>" in page
    assert "<script>alert" not in page
    assert "Durham Tech" in page and "Durham Public Schools" in page  # members' organizations
    assert "This group does not cross sectors" not in page  # a college and a K-12 district
    assert response.context["current"].lead == world.lead_b
    assert not response.context["can_manage"]
    listing = world.client(world.funder).get(reverse("working_group_list"))
    assert listing.status_code == 200 and "Employer engagement" in listing.content.decode()


def test_a_group_of_one_sector_is_warned(world, group):
    group.members.remove(world.lead_b)
    page = world.client(world.member_a).get(reverse("working_group_detail", args=[group.slug]))
    assert "This group does not cross sectors" in page.content.decode()
    listing = world.client(world.member_a).get(reverse("working_group_list"))
    assert listing.context["rows"][0]["one_sector"]


def test_backbone_creates_and_edits_a_group(world):
    client = world.client(world.backbone)
    data = {"name": "Data", "slug": "data", "charter": "Share data."}
    response = client.post(reverse("working_group_create"), data)
    assert response.status_code == 302
    assert client.post(reverse("working_group_create"), {**data, "slug": "new"}).status_code == 400
    edit = reverse("working_group_edit", args=["data"])
    assert client.post(edit, {"name": "Data and evidence", "charter": "x"}).status_code == 302
    assert WorkingGroup.objects.get(slug="data").name == "Data and evidence"
    assert world.client(world.lead_a).get(edit).status_code == 403


def test_the_lead_adds_and_removes_members(world, group):
    client = world.client(world.lead_b)  # the group's current lead
    members = reverse("working_group_members", args=[group.slug])
    response = client.post(members, {"user": world.lead_a.pk})
    assert response.status_code == 302
    assert set(group.members.all()) == {world.member_a, world.lead_b, world.lead_a}
    remove = reverse("working_group_member_remove", args=[group.slug, world.member_a.pk])
    assert client.post(remove).status_code == 302
    assert world.member_a not in group.members.all()
    # The lead cannot be removed before handing over.
    remove_lead = reverse("working_group_member_remove", args=[group.slug, world.lead_b.pk])
    response = client.post(remove_lead)
    assert response.status_code == 400
    assert "Hand the lead to another member first" in response.content.decode()
    assert world.lead_b in group.members.all()
    # A member who is not the lead may not manage the group.
    assert world.client(world.lead_a).post(members, {"user": world.member_a.pk}).status_code == 403


def test_rotating_the_lead_closes_the_open_term_today(world, group):
    client = world.client(world.lead_b)
    today = timezone.localdate()
    url = reverse("working_group_lead", args=[group.slug])
    response = client.post(url, {"lead": world.member_a.pk})
    assert response.status_code == 302
    terms = list(group.lead_terms.order_by("start", "pk").values_list("lead", "start", "end"))
    assert terms == [
        (world.lead_b.pk, date(2024, 1, 1), today),
        (world.member_a.pk, today, None),
    ]
    assert group.current_lead() == world.member_a
    # The old lead no longer manages the group; the new one does.
    assert client.get(url).status_code == 403
    page = world.client(world.member_a).get(reverse("working_group_detail", args=[group.slug]))
    assert page.context["can_manage"]
    assert [t.lead for t in page.context["terms"]] == [world.member_a, world.lead_b]


def test_the_new_lead_must_be_a_member(world, group):
    client = world.client(world.backbone)
    url = reverse("working_group_lead", args=[group.slug])
    response = client.post(url, {"lead": world.lead_a.pk})
    assert response.status_code == 400
    assert response.context["form"].errors["lead"] == [
        f"{world.lead_a} is not a member of this group. Add them as a member first."
    ]
    response = client.post(url, {"lead": world.lead_b.pk})
    assert response.context["form"].errors["lead"] == [f"{world.lead_b} already leads this group."]
    assert group.lead_terms.count() == 1
    with pytest.raises(ValidationError):
        rotate_lead(group, world.lead_a)
    assert group.current_lead() == world.lead_b


def test_a_group_without_a_lead_gets_its_first(world):
    group = WorkingGroup.objects.create(slug="new-group", name="New group")
    group.members.add(world.member_a)
    term = rotate_lead(group, world.member_a, today=date(2025, 3, 1))
    assert (term.start, term.end) == (date(2025, 3, 1), None)
    assert group.current_lead() == world.member_a


# The network page -------------------------------------------------------------------------


def test_the_network_page_draws_the_map_with_a_table(world, pathway):
    c = OrganizationFactory(name="Employer C", slug="employer-c", sector_type=SectorType.EMPLOYER)
    partner(world.org_a, world.org_b, date(2024, 2, 1))
    partner(world.org_a, c, date(2024, 2, 1))
    partner(world.org_a, world.backbone_org, date(2024, 2, 1))
    Step.objects.create(
        pathway=pathway, title="Bio 110", stage="train", kind="course", audience="both",
        provider=world.org_a,
    )  # fmt: skip
    response = world.client(world.member_a).get(reverse("network") + "?on=2025-01-01")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="img" aria-labelledby="network-map-title network-map-desc"' in page
    assert "Network of partnerships on 2025-01-01" in page
    assert "style=" not in page
    view = response.context["view"]
    rows = {row.node.name: row for row in view.rows}
    assert rows["Durham Tech"].ties == 3
    assert [p.name for p in rows["Durham Tech"].partners] == [
        "Backbone", "Durham Public Schools", "Employer C",
    ]  # fmt: skip
    assert [n.name for n in view.health.isolated] == ["A Foundation"]
    # Durham Tech is in every tie: a hub.
    assert view.health.hub.name == "Durham Tech" and view.health.hub_warning
    assert "One organization is becoming the hub" in page
    # The pathway's providers are a college only.
    [coverage] = view.pathways
    assert coverage.present == ["Community or technical college"]
    assert coverage.missing == [
        "K-12 school or district", "Workforce board", "Employer or industry association",
    ]  # fmt: skip
    # Before any partnership, no warning and every organization isolated.
    earlier = world.client(world.funder).get(reverse("network") + "?on=2024-01-01")
    assert earlier.status_code == 200
    assert earlier.context["view"].health.ties == 0
    assert "One organization is becoming the hub" not in earlier.content.decode()


def test_a_bad_day_shows_an_error_and_today(world):
    response = world.client(world.member_a).get(reverse("network") + "?on=2025-02-30")
    assert response.status_code == 200
    assert response.context["form"].errors["on"]
    assert response.context["view"].day == timezone.localdate()


def test_the_layout_is_deterministic(world):
    nodes = [Node(i, f"Org {i}", f"o{i}", SECTORS[i % 4]) for i in range(12)]
    first = network.circle_layout(nodes)
    second = network.circle_layout(list(reversed(nodes)))
    assert first.positions == second.positions
    xs = [x for x, _ in first.positions.values()]
    assert min(xs) > 0 and max(xs) < first.size


def make_network(n, pathway, prefix):
    today = timezone.localdate()
    orgs = [OrganizationFactory(name=f"{prefix} {i}", sector_type=SECTORS[i % 4]) for i in range(n)]
    for i, org in enumerate(orgs):
        partner(org, orgs[(i + 1) % n], today - timedelta(days=400 - i))
        Step.objects.create(
            pathway=pathway, title=f"Step {i}", stage="train", kind="course", audience="both",
            provider=org,
        )  # fmt: skip


def count_network_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("network")).status_code == 200
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def test_the_network_page_makes_as_many_queries_for_2_as_for_20_organizations(world, pathway):
    Partnership.objects.all().delete()
    client = world.client(world.member_a)
    make_network(2, pathway, "Small")
    small, _ = count_network_queries(client)
    make_network(20, pathway, "Large")
    extra = Pathway.objects.create(
        slug="second", title="Second", sector=pathway.sector, cluster=pathway.cluster,
        owner=world.backbone_org,
    )  # fmt: skip
    Step.objects.create(
        pathway=extra, title="Job", stage="launch", kind="course", audience="both",
        provider=world.org_b,
    )  # fmt: skip
    large, sql = count_network_queries(client)
    assert large == small, "\n".join(sql)


def test_the_working_group_list_shows_leads_and_sectors(world, group):
    other = WorkingGroup.objects.create(slug="other", name="Other")
    other.members.add(world.backbone)
    response = world.client(world.member_a).get(reverse("working_group_list"))
    rows = {row["group"].name: row for row in response.context["rows"]}
    assert rows["Employer engagement"]["lead"] == world.lead_b
    assert rows["Employer engagement"]["sectors"] == [
        "Community or technical college", "K-12 school or district",
    ]  # fmt: skip
    assert rows["Other"]["sectors"] == ["Backbone organization"] and rows["Other"]["one_sector"]


def test_the_cached_network_changes_when_a_partnership_is_recorded(world):
    client = world.client(world.member_a)
    page = client.get(reverse("network")).text
    assert "Durham Public Schools" in page
    before = network.cached_network_view(timezone.localdate()).health.ties
    partner(world.org_a, world.org_b, timezone.localdate() - timedelta(days=1))
    assert network.cached_network_view(timezone.localdate()).health.ties == before + 1
    Partnership.objects.all().delete()
    assert network.cached_network_view(timezone.localdate()).health.ties == before


def test_map_labels_give_whole_names_on_two_lines():
    from network.map import _label_lines

    assert _label_lines("Durham Technical Community College") == [
        "Durham Technical",
        "Community College",
    ]
    assert _label_lines("Duke University") == ["Duke University"]
    long = _label_lines("Durham County Workforce Development Board and Friends of the Region")
    assert len(long) == 2 and long[1].endswith("…")
