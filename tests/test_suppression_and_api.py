"""Suppression of small counts (with complementary suppression), the explanation page and
the read-only API with session and token sign-in."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse

from measures import rollups
from measures.models import Category, DataValue, Dimension, Submission, SubmissionStatus
from partners.models import ApiToken
from tests.conftest import YEAR
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(world):
    """Org A, B and a third college report enrolment by sex; few men, so men are a small
    count. Three organizations: the region's figures may be published."""
    org_c = OrganizationFactory(name="Alamance Community College", slug="alamance-cc")
    org_c.county = "Alamance"
    org_c.save()
    world.count.reporting_organizations.add(org_c)
    sex = Dimension.objects.create(code="sex", name="Sex")
    female = Category.objects.create(dimension=sex, code="female", name="Female")
    male = Category.objects.create(dimension=sex, code="male", name="Male")
    other = Category.objects.create(dimension=sex, code="another", name="Another")
    world.count.dimensions.add(sex)
    for org, total, f, m, a in (
        (world.org_a, 60, 40, 3, 17),
        (world.org_b, 40, 25, 2, 13),
        (org_c, 50, 30, 4, 16),
    ):
        submission = Submission.objects.create(
            organization=org,
            period_type="year",
            period_start=date(int(YEAR), 1, 1),
            status=SubmissionStatus.APPROVED,
        )
        for category, value in ((None, total), (female, f), (male, m), (other, a)):
            DataValue.objects.create(
                submission=submission, indicator=world.count, category=category, value=value
            )
    rollups.rebuild_all()
    return world


def api(client, path, **params):
    return client.get(path, params)


def values(world, user, **params):
    url = reverse("api_indicator_values", args=["enrolled"])
    response = world.client(user).get(url, {"scope": "region", **params})
    assert response.status_code == 200, response.content
    return {(r["dimension"], r["category"]): r for r in response.json()["rows"]}


def test_small_count_and_its_complement_are_suppressed_for_outsiders(figures):
    rows = values(figures, figures.funder)
    assert rows[("", "")]["value"] == 150
    male = rows[("sex", "male")]
    assert (male["value"], male["suppressed"]) == (None, True)  # 9 < 10
    assert male["reason"] == "fewer than 10 people"
    # Otherwise 150 - 95 - 46 would give the men away: the smallest other goes too.
    another = rows[("sex", "another")]
    assert (another["value"], another["suppressed"]) == (None, True)
    assert another["reason"] == "protects another figure"
    assert rows[("sex", "female")]["value"] == 95
    assert rows[("sex", "female")]["suppressed"] is False


def test_backbone_sees_everything(figures):
    rows = values(figures, figures.backbone)
    assert rows[("sex", "male")]["value"] == 9
    assert rows[("sex", "male")]["suppressed"] is False


def test_an_organization_sees_its_own_small_counts_but_not_others(figures):
    own = values(figures, figures.member_a, scope="organization", key=figures.org_a.slug)
    assert own[("sex", "male")]["value"] == 3
    url = reverse("api_indicator_values", args=["enrolled"])
    other = figures.client(figures.member_a).get(
        url, {"scope": "organization", "key": figures.org_b.slug}
    )
    assert other.status_code == 404
    assert "error" in other.json()


def test_csv_says_suppressed_never_zero(figures):
    url = reverse("api_indicator_values", args=["enrolled"])
    response = figures.client(figures.funder).get(url, {"scope": "region", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    male = next(r for r in rows if r["category"] == "male")
    assert (male["value"], male["suppressed"], male["numerator"]) == ("suppressed", "true", "")
    assert set(rows[0]) >= {
        "period_label",
        "scope",
        "dimension",
        "category",
        "reported",
        "expected",
    }


def test_bad_requests_get_a_reason(figures):
    client = figures.client(figures.funder)
    url = reverse("api_indicator_values", args=["enrolled"])
    assert client.get(url, {"scope": "galaxy"}).status_code == 400
    assert "scope must be one of" in client.get(url, {"scope": "galaxy"}).json()["error"]
    assert client.get(url, {"scope": "county"}).status_code == 400
    assert client.get(url, {"format": "xml"}).status_code == 400
    missing = client.get(reverse("api_indicator_values", args=["nope"]))
    assert missing.status_code == 404 and "nope" in missing.json()["error"]


def test_token_sign_in_and_revocation(figures, client):
    token, key = ApiToken.issue(figures.funder, "warehouse")
    url = reverse("api_indicators")
    assert client.get(url).status_code == 401
    response = client.get(url, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    codes = {i["code"] for i in response.json()["indicators"]}
    assert codes == {"enrolled", "grad-rate"}
    enrolled = next(i for i in response.json()["indicators"] if i["code"] == "enrolled")
    assert {"code": "female", "name": "Female"} in enrolled["dimensions"][0]["categories"]
    assert client.get(url, headers={"Authorization": "Bearer wrong"}).status_code == 401
    figures.client(figures.funder).post(reverse("token_revoke", args=[token.pk]))
    assert client.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_token_page_shows_the_key_once(figures):
    client = figures.client(figures.member_a)
    response = client.post(reverse("token_list"), {"name": "Warehouse"})
    token = ApiToken.objects.get()
    assert "pc_" in response.text and token.prefix in response.text
    assert token.key_hash not in response.text
    assert "pc_" not in client.get(reverse("token_list")).text.replace(token.prefix, "")


def test_organizations_endpoint(figures):
    response = figures.client(figures.lead_b).get(reverse("api_organizations"))
    slugs = {o["slug"] for o in response.json()["organizations"]}
    assert {"durham-tech", "dps", "backbone", "fdn"} <= slugs
    assert set(response.json()["organizations"][0]) == {"slug", "name", "sector_type", "county"}


def explain(world, user, **params):
    url = reverse("explain", args=["enrolled"])
    return world.client(user).get(url, {"scope": "region", "period": YEAR, **params})


def test_explain_shows_rule_sums_and_allowed_values(figures):
    page = explain(figures, figures.backbone)
    assert page.status_code == 200
    assert "Counts and amounts are added up" in page.text
    assert "Durham Tech" in page.text and "Durham Public Schools" in page.text

    own = explain(figures, figures.member_a)
    assert "Durham Tech" in own.text and "Durham Public Schools" not in own.text

    funder = explain(figures, figures.funder, category="sex:male")
    assert "suppressed" in funder.text
    assert "Durham Tech" not in funder.text


def test_explain_rejects_a_bad_link(figures):
    assert explain(figures, figures.funder, period="someday").status_code == 400
    assert explain(figures, figures.funder, period="1999").status_code == 404


def test_dashboard_says_suppressed_for_a_small_region_total(world):
    for org, value in ((world.org_a, 4), (world.org_b, 3)):
        submission = Submission.objects.create(
            organization=org,
            period_type="year",
            period_start=date(int(YEAR), 1, 1),
            status=SubmissionStatus.APPROVED,
        )
        DataValue.objects.create(submission=submission, indicator=world.count, value=value)
    rollups.rebuild_all()
    funder = world.client(world.funder).get(reverse("dashboard")).text
    assert "suppressed (fewer than 3 organizations)" in funder
    backbone = world.client(world.backbone).get(reverse("dashboard")).text
    assert re.search(
        r">7<span class=\"visually-hidden\"> \(how the [^)]* figure was made\)</span></a><br>",
        backbone,
    )
