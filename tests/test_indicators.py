"""The indicator library and its breakdowns, edited by backbone staff and read by all."""

import pytest
from django.urls import reverse

from measures.models import Aggregation, Category, Dimension, Indicator

pytestmark = pytest.mark.django_db


def indicator_data(**overrides):
    data = {
        "code": "placement-rate",
        "name_en": "Placement rate",
        "definition_en": "Share of completers placed in work or study.",
        "unit": "percent",
        "numerator_definition": "Completers placed",
        "denominator_definition": "Completers",
        "direction": "up",
        "level": "outcome",
        "period_type": "quarter",
        "roll_up_periods": "on",
        "grace_days": "45",
        "counts_people": "on",
        "suppression_threshold": "10",
    }
    data.update(overrides)
    return data


def test_backbone_defines_an_indicator_with_breakdowns(world):
    sex = Dimension.objects.create(code="sex", name="Sex")
    data = indicator_data(dimensions=[sex.pk], reporting_organizations=[world.org_a.pk])
    response = world.client(world.backbone).post(reverse("indicator_create"), data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="placement-rate")
    assert indicator.aggregation == Aggregation.RATIO
    assert list(indicator.dimensions.all()) == [sex]
    page = world.client(world.funder).get(indicator.get_absolute_url()).text
    for text in ("Completers placed", "Ratio of sums", "Calendar year", "Sex", "45 days"):
        assert text in page


def test_a_share_needs_numerator_and_denominator_definitions(world):
    data = indicator_data(numerator_definition="", denominator_definition=" ")
    response = world.client(world.backbone).post(reverse("indicator_create"), data)
    assert response.status_code == 400
    assert response.text.count("A percent needs its numerator and denominator defined.") == 2
    assert not Indicator.objects.filter(code="placement-rate").exists()


def test_bad_codes_are_refused(world):
    response = world.client(world.backbone).post(
        reverse("indicator_create"), indicator_data(code="Bad Code!")
    )
    assert response.status_code == 400
    assert "Use lower-case letters" in response.text


def test_backbone_manages_breakdowns_and_categories(world):
    client = world.client(world.backbone)
    data = {
        "name_en": "Age band",
        "code": "age-band",
        "order": "2",
        "categories-TOTAL_FORMS": "2",
        "categories-INITIAL_FORMS": "0",
        "categories-0-name_en": "16–24",
        "categories-0-code": "16-24",
        "categories-0-order": "0",
        "categories-1-name_en": "25 and over",
        "categories-1-code": "25-plus",
        "categories-1-order": "1",
    }
    assert client.post(reverse("dimension_create"), data).status_code == 302
    dimension = Dimension.objects.get(code="age-band")
    assert [c.code for c in dimension.categories.all()] == ["16-24", "25-plus"]
    duplicate = {**data, "code": "age2", "categories-1-code": "16-24"}
    response = client.post(reverse("dimension_create"), duplicate)
    assert response.status_code == 400
    assert "Please correct the duplicate data for code" in response.text
    assert not Dimension.objects.filter(code="age2").exists()
    assert "16–24" in world.client(world.funder).get(reverse("dimension_list")).text


def test_a_category_with_values_cannot_be_removed(world):
    from datetime import date

    from measures.models import DataValue, Submission

    sex = Dimension.objects.create(code="sex", name="Sex")
    female = Category.objects.create(dimension=sex, code="female", name="Female")
    submission = Submission.objects.create(
        organization=world.org_a, period_type="year", period_start=date(2024, 1, 1)
    )
    DataValue.objects.create(submission=submission, indicator=world.count, category=female, value=3)
    data = {
        "name_en": "Sex",
        "code": "sex",
        "order": "0",
        "categories-TOTAL_FORMS": "1",
        "categories-INITIAL_FORMS": "1",
        "categories-0-id": str(female.pk),
        "categories-0-dimension": str(sex.pk),
        "categories-0-name_en": "Female",
        "categories-0-code": "female",
        "categories-0-order": "0",
        "categories-0-DELETE": "on",
    }
    response = world.client(world.backbone).post(reverse("dimension_edit", args=["sex"]), data)
    assert response.status_code == 400
    assert "Female: values use these categories, so they cannot be removed." in response.text
    assert Category.objects.filter(pk=female.pk).exists()
