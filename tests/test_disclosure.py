"""Disclosure control: the rules, the complementary suppression across linked figures, the one
way out for stored figures, the audit, who places organizations, and the publication switches.

The generated regions are checked by an attacker written here, independent of the engine: it
models every organization's own figures (not the engine's atoms) and tests each hidden figure
with matrix ranks rather than null spaces.
"""

import csv
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboards.actions import create_share_link
from measures import decisions, disclosure, rollups
from measures.disclosure import Cell, Place, Rules
from measures.models import (
    Aggregate,
    Category,
    DataValue,
    Dimension,
    Indicator,
    Publication,
    Submission,
    SubmissionStatus,
)
from partners.models import Organization, PlacementChange, SectorType
from tests.conftest import YEAR
from tests.factories import OrganizationFactory

ROOT = Path(__file__).resolve().parent.parent

# --- The engine on generated regions ------------------------------------------------------


def region(orgs: dict[str, Place], own: dict[tuple[str, str, str], int]) -> list[Cell]:
    """The cells a roll-up stores: each organization's, and the region's, counties' and
    types' sums of them."""
    cells = [
        Cell("organization", o, d, c, None, None, Decimal(v), 1) for (o, d, c), v in own.items()
    ]
    slots = sorted({(d, c) for _o, d, c in own})
    scopes = [("region", "")]
    scopes += [("county", k) for k in sorted({p.county for p in orgs.values()})]
    scopes += [("org_type", t) for t in sorted({p.org_type for p in orgs.values()})]
    for scope_type, key in scopes:
        members = [o for o, p in orgs.items() if _in(p, scope_type, key)]
        for slot in slots:
            inside = [o for o in members if (o, *slot) in own]
            if inside:
                total = sum(own[(o, *slot)] for o in inside)
                cells.append(Cell(scope_type, key, *slot, None, None, Decimal(total), len(inside)))
    return cells


def _in(place: Place, scope_type: str, key: str) -> bool:
    return (
        scope_type == "region"
        or (scope_type == "county" and place.county == key)
        or (scope_type == "org_type" and place.org_type == key)
    )


def attack(orgs, own, cells, codes, min_orgs=3):
    """Everything an outsider or a partner can work out exactly: a list of what leaked."""
    variables = {key: n for n, key in enumerate(sorted(own))}
    size = len(variables)

    def vector(cell):
        v = np.zeros(size)
        for (o, d, c), n in variables.items():
            if (d, c) == (cell.dimension, cell.category) and _in(
                orgs[o], cell.scope_type, cell.scope_key
            ):
                v[n] = 1
        return v

    public = [c for c in cells if c.scope_type != "organization"]
    known = [vector(c) for c in public if codes[c.key] not in disclosure.HIDDEN]
    for o in orgs:  # each organization's categories add up to its total
        dims = {d for (oo, d, _c) in own if oo == o and d}
        for d in dims:
            row = np.zeros(size)
            row[variables[(o, "", "")]] = 1
            for (oo, dd, _c), n in variables.items():
                if oo == o and dd == d:
                    row[n] = -1
            known.append(row)
    hidden = [c for c in public if codes[c.key] in disclosure.HIDDEN]
    leaks = []
    for audience in [None, *orgs]:
        rows = list(known)
        if audience is not None:
            for (o, _d, _c), n in variables.items():
                if o == audience:
                    e = np.zeros(size)
                    e[n] = 1
                    rows.append(e)
        matrix = np.array(rows) if rows else np.zeros((0, size))
        rank = np.linalg.matrix_rank(matrix) if rows else 0

        def determined(v, matrix=matrix, rank=rank):
            return np.linalg.matrix_rank(np.vstack([matrix, v])) == rank

        for cell in hidden:
            v = vector(cell)
            mine = audience is not None and any(
                v[n] for (o, _d, _c), n in variables.items() if o == audience
            )
            others = cell.reported - (1 if mine else 0)
            if others == 0 or not determined(v):
                continue
            if audience is None or others == 1 or codes[cell.key] == disclosure.FEW_PEOPLE:
                leaks.append((audience, "cell", cell.key))
        for (o, d, c), n in variables.items():
            if o == audience:
                continue
            e = np.zeros(size)
            e[n] = 1
            if determined(e):
                leaks.append((audience, "organization", (o, d, c)))
    return leaks


@st.composite
def regions(draw):
    count = draw(st.integers(3, 8))
    counties = draw(st.integers(1, 3))
    kinds = draw(st.integers(1, 3))
    orgs = {
        f"o{n}": Place(
            f"C{draw(st.integers(0, counties - 1))}", f"T{draw(st.integers(0, kinds - 1))}"
        )
        for n in range(count)
    }
    categories = draw(st.integers(2, 4))
    own = {}
    for o in orgs:
        parts = [draw(st.integers(0, 40)) for _ in range(categories)]
        own[(o, "", "")] = sum(parts)
        for n, part in enumerate(parts):
            own[(o, "sex", f"c{n}")] = part
    return orgs, own


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regions())
def test_nothing_hidden_can_be_worked_out_in_generated_regions(generated):
    orgs, own = generated
    cells = region(orgs, own)
    rules = Rules("sum", counts_people=True, is_percent=False, threshold=10)
    codes = disclosure.decide(rules, cells, orgs)
    for cell in cells:
        if cell.scope_type != "organization" and codes[cell.key] not in disclosure.HIDDEN:
            assert cell.reported >= 3, cell.key
            assert not (0 < cell.value < 10), cell.key
    assert attack(orgs, own, cells, codes) == []


def test_the_primary_rules_say_which_rule_hid_a_cell():
    rules = Rules("ratio", counts_people=True, is_percent=True, threshold=10)

    def cell(num, den, reported=3):
        return Cell("region", "", "", "", Decimal(num), Decimal(den), None, reported)

    assert disclosure.primary(rules, cell(50, 100, reported=2)) == disclosure.FEW_ORGANIZATIONS
    assert disclosure.primary(rules, cell(5, 8)) == disclosure.FEW_PEOPLE
    assert disclosure.primary(rules, cell(115, 120)) == disclosure.BOUND_HIGH
    assert disclosure.primary(rules, cell(4, 120)) == disclosure.BOUND_LOW
    assert disclosure.primary(rules, cell(60, 120)) == disclosure.PUBLISHED
    # The bound says no more than that fewer than ten people are on one side.
    assert disclosure.bound_percent(disclosure.BOUND_HIGH, Decimal(120), 10) == 91
    assert disclosure.bound_percent(disclosure.BOUND_LOW, Decimal(120), 10) == 9


def test_the_region_less_two_types_does_not_give_the_third_away():
    """The finding: the region's "English learner: yes" less two visible types gave the
    university's 6 of 8. Here one university, three colleges, three schools."""
    orgs = {"u": Place("D", "university")}
    orgs |= {f"c{n}": Place(f"K{n}", "college") for n in range(3)}
    orgs |= {f"s{n}": Place(f"K{n}", "k12") for n in range(3)}
    own = {}
    for o in orgs:
        yes = 6 if o == "u" else 12
        own |= {(o, "", ""): 60, (o, "el", "yes"): yes, (o, "el", "no"): 60 - yes}
    cells = region(orgs, own)
    codes = disclosure.decide(Rules("sum", True, False, 10), cells, orgs)
    assert codes[("org_type", "university", "el", "yes")] == disclosure.FEW_ORGANIZATIONS
    shown_types = [
        k for k, v in codes.items() if k[0] == "org_type" and k[2:] == ("el", "yes") and not v
    ]
    assert len(shown_types) < 2  # else region − the two others = the university
    assert attack(orgs, own, cells, codes) == []


# --- A region in the database, read through every surface -----------------------------


@pytest.fixture
def published_region(world):
    """Four partners in two counties and three types, enrolment by sex; dashboards
    published for funders and the public."""
    more = [
        OrganizationFactory(name="Alamance CC", slug="alamance-cc", county="Alamance"),
        OrganizationFactory(
            name="Orange Schools", slug="ocs", sector_type=SectorType.K12, county="Orange"
        ),
    ]
    sex = Dimension.objects.create(code="sex", name="Sex")
    female = Category.objects.create(dimension=sex, code="female", name="Female")
    male = Category.objects.create(dimension=sex, code="male", name="Male")
    world.count.dimensions.add(sex)
    world.count.reporting_organizations.add(*more)
    figures = {
        world.org_a: (60, 52, 8),
        world.org_b: (80, 50, 30),
        more[0]: (40, 31, 9),
        more[1]: (70, 40, 30),
    }
    for org, (total, f, m) in figures.items():
        submission = Submission.objects.create(
            organization=org,
            period_type="year",
            period_start=date(int(YEAR), 1, 1),
            status=SubmissionStatus.APPROVED,
        )
        for category, value in ((None, total), (female, f), (male, m)):
            DataValue.objects.create(
                submission=submission, indicator=world.count, category=category, value=value
            )
    rollups.rebuild_all()
    Publication.objects.update(for_funders=True, public=True)
    return world


def hidden_cells():
    return {
        (a.scope_type, a.scope_key, a.dimension_code, a.category_code): a
        for a in Aggregate.objects.exclude(scope_type="organization")
        if a.disclosure in disclosure.HIDDEN
    }


def check_rows(rows, *, scope_field="scope", key_field="scope_key"):
    """No hidden figure's number, and nothing published from fewer than 3 organizations."""
    hidden = hidden_cells()
    assert hidden, "the region should have figures to hide"
    seen = 0
    for row in rows:
        key = (row[scope_field], row[key_field], row["dimension"], row["category"])
        if key in hidden:
            seen += 1
            for part in ("numerator", "denominator"):
                assert row[part] in (None, ""), (key, part)
            assert row["value"] in (None, "", "suppressed"), key
        elif row[scope_field] != "organization":
            assert int(row["reported"]) >= 3, key
    return seen


def api_rows(client, scope="region", key="", output="json"):
    url = reverse("api_indicator_values", args=["enrolled"])
    response = client.get(url, {"scope": scope, "key": key, "format": output})
    assert response.status_code == 200, response.content
    if output == "csv":
        return list(csv.DictReader(io.StringIO(response.content.decode())))
    return response.json()["rows"]


def test_every_audience_sees_no_hidden_figure_on_any_surface(published_region, client):
    world = published_region
    readers = [world.funder, world.lead_a, world.lead_b, world.member_a]
    for reader in readers:
        browser = world.client(reader)
        for scope, key in [("region", ""), ("county", "Durham"), ("org_type", "k12")]:
            check_rows(api_rows(browser, scope, key))
            check_rows(api_rows(browser, scope, key, "csv"))
        for name in ("dashboard", "home"):
            assert browser.get(reverse(name)).status_code == 200
    # The indicator page's CSV, anonymously and through a share link.
    _link, token = create_share_link(
        label="Commissioners", expires_at=date(2099, 1, 1), by=world.backbone
    )
    for url in (
        reverse("public_indicator_csv", args=["enrolled"]) + f"?start={YEAR}",
        reverse("shared_indicator_csv", args=[token, "enrolled"]) + f"?start={YEAR}",
    ):
        response = client.get(url)
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        for row in rows:
            row["suppressed"] = row["suppressed"] == "yes"
        assert check_rows(rows) >= 1
    # The explain page of a hidden figure says why, and shows no number.
    key, aggregate = next(iter(hidden_cells().items()))
    response = world.client(world.funder).get(
        reverse("explain", args=["enrolled"]),
        {
            "scope": aggregate.scope_type,
            "key": aggregate.scope_key,
            "period": YEAR,
            "category": f"{aggregate.dimension_code}:{aggregate.category_code}"
            if aggregate.dimension_code
            else "",
        },
    )
    assert response.status_code == 200
    assert "This figure is not published" in response.text
    assert f"Σ values = {aggregate.value.normalize():f}" not in response.text


def test_the_audit_recovers_nothing_for_any_audience(published_region):
    out = io.StringIO()
    call_command("audit_disclosure", "--indicator", "enrolled", stdout=out)
    text = out.getvalue()
    assert "suppressed figures recovered exactly: 0" in text
    assert "published figures from too few organizations: 0" in text
    for audience in ("funder", "public", "durham-tech", "dps", "alamance-cc", "ocs"):
        assert re.search(rf"^enrolled\s+{audience}\s+\d", text, re.M), audience


def test_the_audit_reports_a_figure_left_open(published_region):
    """Publish a one-organization figure by hand: the audit finds it and fails."""
    single = next(a for a in hidden_cells().values() if a.reported == 1)
    Aggregate.objects.filter(pk=single.pk).update(disclosure="")
    out = io.StringIO()
    with pytest.raises(Exception, match="not protected"):
        call_command("audit_disclosure", "--indicator", "enrolled", "--no-ranges", stdout=out)
    assert "published figures from too few organizations: 0" not in out.getvalue()


# --- Decisions kept by the full rebuild -----------------------------------------------------


def decisions_by_cell():
    return {
        (start, *key): code
        for start, *key, code in Aggregate.objects.exclude(scope_type="organization").values_list(
            "period_start",
            "scope_type",
            "scope_key",
            "dimension_code",
            "category_code",
            "disclosure",
        )
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the full rebuild keeps decisions when it swaps in a rebuilt table (PostgreSQL)",
)
def test_the_full_rebuild_decides_again_only_what_changed(published_region, monkeypatch):
    world = published_region
    # A second year, the same partners with other figures.
    later = date(int(YEAR) + 1, 1, 1)
    for submission in Submission.objects.filter(values__isnull=False).distinct():
        values = list(submission.values.all())
        submission.pk, submission.period_start = None, later
        submission.save()
        for value in values:
            value.pk, value.submission = None, submission
            value.value += 3
            value.save()
    rollups.rebuild_all()
    decided = []
    real = decisions._indicator

    def spy(indicator, rules, targets, where, **options):
        decided.append(targets)
        return real(indicator, rules, targets, where, **options)

    monkeypatch.setattr(decisions, "_indicator", spy)
    before = decisions_by_cell()
    assert any(code in disclosure.HIDDEN for code in before.values())

    rollups.rebuild_all()  # the nightly rebuild, nothing changed
    assert decided == []
    assert decisions_by_cell() == before

    # One partner's figure of the later year changes: that year alone is decided again.
    changed = DataValue.objects.get(
        submission__organization=world.org_b, submission__period_start=later, category=None
    )
    changed.value += 1
    changed.save()
    rollups.rebuild_all()
    assert decided == [{("year", later)}]
    kept = decisions_by_cell()
    assert {k: v for k, v in kept.items() if k[0] != later} == {
        k: v for k, v in before.items() if k[0] != later
    }
    out = io.StringIO()
    call_command("audit_disclosure", "--indicator", "enrolled", "--no-ranges", stdout=out)
    assert "suppressed figures recovered exactly: 0" in out.getvalue()

    # Stricter rules: every period is decided again, as if for the first time.
    decided.clear()
    Publication.objects.update(min_organizations=4)
    rollups.rebuild_all()
    assert decided == [None] * Indicator.objects.count()
    assert not [
        a
        for a in Aggregate.objects.exclude(scope_type="organization")
        if a.reported < 4 and a.disclosure not in disclosure.HIDDEN
    ]
    assert decisions.decide() == 0  # a decision from scratch changes nothing


def test_incremental_roll_ups_of_months_keep_quarters_and_years_safe(world):
    """Partners report months one by one; each approval's roll-up decides its month and
    derives the quarter and year around it from the months' stored decisions. The quarter is
    published only where every month is, and the audit recovers nothing."""
    from tests.factories import IndicatorFactory

    monthly = IndicatorFactory(
        code="monthly-enrolled", unit="count", period_type="month", roll_up_periods=True
    )
    sex = Dimension.objects.create(code="sex", name="Sex")
    female = Category.objects.create(dimension=sex, code="female", name="Female")
    male = Category.objects.create(dimension=sex, code="male", name="Male")
    monthly.dimensions.add(sex)
    partners = [
        world.org_a,
        world.org_b,
        OrganizationFactory(name="Alamance CC", slug="alamance-cc", county="Alamance"),
        OrganizationFactory(
            name="Orange Schools", slug="ocs", sector_type=SectorType.K12, county="Orange"
        ),
        OrganizationFactory(name="Orange Works", slug="ow", county="Orange"),
    ]
    monthly.reporting_organizations.add(*partners)
    for month in (1, 2, 3):
        for n, org in enumerate(partners):
            f, m = 20 + 7 * n + month, (3 if (n + month) % 3 == 0 else 12 + n)
            submission = Submission.objects.create(
                organization=org,
                period_type="month",
                period_start=date(2025, month, 1),
                status=SubmissionStatus.APPROVED,
            )
            for category, value in ((None, f + m), (female, f), (male, m)):
                DataValue.objects.create(
                    submission=submission, indicator=monthly, category=category, value=value
                )
            rollups.rollup([monthly.pk], "month", date(2025, month, 1), org.slug)
    figures = Aggregate.objects.filter(indicator=monthly).exclude(scope_type="organization")
    hidden = {
        (a.period_type, a.period_start, a.scope_type, a.scope_key, a.category_code)
        for a in figures
        if a.disclosure in disclosure.HIDDEN
    }
    assert any(key[0] == "month" for key in hidden)
    for quarter in figures.filter(period_type="quarter"):
        months = {
            (
                "month",
                date(2025, m, 1),
                quarter.scope_type,
                quarter.scope_key,
                quarter.category_code,
            )
            for m in (1, 2, 3)
        }
        if months & hidden:
            assert quarter.disclosure in disclosure.HIDDEN, quarter
    out = io.StringIO()
    call_command("audit_disclosure", "--indicator", "monthly-enrolled", "--no-ranges", stdout=out)
    assert "suppressed figures recovered exactly: 0" in out.getvalue()


# --- The one way out -------------------------------------------------------------------

# Modules that may read stored figures directly: the layer itself, the roll-up that writes
# them with their decisions, the audit (a backbone tool), the Django admin (operators), and
# the demo and benchmark data sets.
MAY_READ_STORED_FIGURES = {
    "measures/models/__init__.py",
    "measures/models/figures.py",
    "measures/publication.py",
    "measures/decisions.py",
    "measures/rollups.py",
    "measures/rollup_sql.py",
    "measures/rollup_full.py",
    "measures/rollup_python.py",
    "measures/audit.py",
    "measures/admin.py",
    "demo/large.py",
    "demo/region.py",
    "demo/pages.py",
    "demo/partitions.py",
    "demo/management/commands/benchmark.py",
}


def test_only_the_publication_layer_reads_stored_figures():
    readers = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(("tests/", ".venv/")) or "/migrations/" in relative:
            continue
        text = path.read_text()
        if re.search(r"\bAggregate\b|measures_aggregate", text):
            readers.append(relative)
    assert sorted(set(readers) - MAY_READ_STORED_FIGURES) == []


# --- Publication switches --------------------------------------------------------------


def test_unpublished_means_no_figure_anywhere_for_a_funder(published_region):
    world = published_region
    Publication.objects.update(for_funders=False)
    funder = world.client(world.funder)
    response = funder.get(reverse("api_indicator_values", args=["enrolled"]))
    assert response.status_code == 403
    assert "not published" in response.json()["error"]
    assert funder.get(reverse("dashboard")).status_code == 403
    explain = funder.get(reverse("explain", args=["enrolled"]), {"scope": "region", "period": YEAR})
    assert explain.status_code == 403
    home = funder.get(reverse("home")).text
    assert "have not published" in home and "The region's shared measures" not in home
    # Partners still read them.
    assert (
        world.client(world.lead_a)
        .get(reverse("api_indicator_values", args=["enrolled"]))
        .status_code
        == 200
    )


def test_unpublished_means_no_figure_for_the_public(published_region, client):
    Publication.objects.update(public=False)
    for name in ("public_dashboard", "public_embed"):
        assert client.get(reverse(name)).status_code == 404
    assert client.get(reverse("public_indicator_csv", args=["enrolled"])).status_code == 404


# --- Who places organizations ------------------------------------------------------------


def test_a_lead_cannot_move_its_organization(published_region):
    world = published_region
    url = reverse("organization_edit", args=[world.org_a.slug])
    response = world.client(world.lead_a).post(
        url,
        {
            "name": world.org_a.name,
            "county": "Orange",
            "sector_type": world.org_a.sector_type,
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "Only the backbone staff change an organization&#x27;s county" in response.text
    world.org_a.refresh_from_db()
    assert world.org_a.county == "Durham"
    assert not PlacementChange.objects.exists()


def test_backbone_moves_an_organization_and_both_places_are_rolled_up(
    published_region, django_capture_on_commit_callbacks
):
    world = published_region
    url = reverse("organization_edit", args=["alamance-cc"])
    organization = Organization.objects.get(slug="alamance-cc")
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client(world.backbone).post(
            url,
            {
                "name": organization.name,
                "county": "Orange",
                "sector_type": organization.sector_type,
                "contacts-TOTAL_FORMS": "0",
                "contacts-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302
    change = PlacementChange.objects.get()
    assert (change.old_county, change.new_county, change.changed_by) == (
        "Alamance",
        "Orange",
        world.backbone,
    )
    totals = Aggregate.objects.filter(scope_type="county", dimension_code="")
    assert not totals.filter(scope_key="Alamance").exists()  # the old place is gone
    assert totals.get(scope_key="Orange").value == 110  # 70 + 40


# --- Settings that may only be tightened ---------------------------------------------------


def test_the_rule_of_three_cannot_be_lowered(world):
    backbone = world.client(world.backbone)
    response = backbone.post(reverse("publishing"), {"for_funders": "on", "min_organizations": "2"})
    assert response.status_code == 400
    assert "never lowered below 3" in response.text
    assert Publication.load().min_organizations == 3
    response = backbone.post(reverse("publishing"), {"for_funders": "on", "min_organizations": "4"})
    assert response.status_code == 302
    assert Publication.load().min_organizations == 4


def test_a_threshold_below_the_floor_is_refused(world):
    response = world.client(world.backbone).post(
        reverse("indicator_edit", args=["enrolled"]),
        {
            "code": "enrolled",
            "name": "Participants enrolled",
            "definition": "People enrolled.",
            "unit": "count",
            "direction": "up",
            "level": "output",
            "period_type": "year",
            "grace_days": "30",
            "suppression_threshold": "2",
        },
    )
    assert response.status_code == 400
    assert "greater than or equal to 5" in response.text


def test_the_rules_page_is_open_to_everyone(db, client):
    page = client.get(reverse("disclosure_rules"))
    assert page.status_code == 200
    assert "At least 3 organizations" in page.text
    assert "≥ 91 %" in page.text
