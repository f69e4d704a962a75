import pytest
from django.urls import reverse

from partners.models import Contact, Organization, SectorType

pytestmark = pytest.mark.django_db


def edit_data(org, **overrides):
    data = {
        "name": org.name,
        "sector_type": org.sector_type,
        "county": "Durham",
        "website": "https://example.org",
        "description": "We train nurses.",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Dana Contact",
        "contacts-0-title": "Director",
        "contacts-0-email": "dana@example.org",
        "contacts-0-phone": "919-555-0100",
    }
    data.update(overrides)
    return data


def test_directory_lists_and_filters_by_sector(world):
    client = world.client(world.funder)
    page = client.get(reverse("organization_list"))
    assert "Durham Tech" in page.text and "Durham Public Schools" in page.text
    page = client.get(reverse("organization_list"), {"sector": SectorType.K12})
    assert "Durham Public Schools" in page.text and "Durham Tech" not in page.text
    fragment = client.get(
        reverse("organization_list"), {"sector": SectorType.K12}, headers={"HX-Request": "true"}
    )
    assert "<html" not in fragment.text and 'id="results"' in fragment.text


def test_lead_edits_own_profile_and_contacts(world):
    client = world.client(world.lead_a)
    response = client.post(
        reverse("organization_edit", args=[world.org_a.slug]), edit_data(world.org_a)
    )
    assert response.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.description == "We train nurses."
    assert Contact.objects.get(organization=world.org_a).email == "dana@example.org"
    page = client.get(reverse("organization_detail", args=[world.org_a.slug]))
    assert "Dana Contact" in page.text


def test_bad_profile_input_is_a_field_error_and_changes_nothing(world):
    client = world.client(world.lead_a)
    response = client.post(
        reverse("organization_edit", args=[world.org_a.slug]),
        edit_data(world.org_a, website="not a url", **{"contacts-0-email": "nope"}),
    )
    assert response.status_code == 400
    assert "Enter a valid URL." in response.text
    assert "Enter a valid email address." in response.text
    world.org_a.refresh_from_db()
    assert world.org_a.website == ""
    assert not Contact.objects.exists()


def test_backbone_adds_an_organization(world):
    response = world.client(world.backbone).post(
        reverse("organization_create"),
        {"name": "Duke Health", "slug": "duke-health", "sector_type": SectorType.EMPLOYER},
    )
    assert response.status_code == 302
    assert Organization.objects.filter(slug="duke-health").exists()


def test_people_are_listed_only_to_insiders(world):
    url = reverse("organization_detail", args=[world.org_a.slug])
    assert "member.a@example.org" in world.client(world.member_a).get(url).text
    assert "member.a@example.org" in world.client(world.backbone).get(url).text
    assert "member.a@example.org" not in world.client(world.lead_b).get(url).text
    assert "member.a@example.org" not in world.client(world.funder).get(url).text
