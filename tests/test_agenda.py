"""The common agenda: editing with versions, diffs and exact restores; sanitized Markdown."""

from decimal import Decimal

import pytest
from django.urls import reverse

from agenda import versions
from agenda.actions import ensure_first_version
from agenda.models import Agenda, AgendaVersion, Goal, Strategy
from measures.models import Target
from measures.periods import parse_period

pytestmark = pytest.mark.django_db


def latest():
    return versions.latest_number()


def post(client, name, data, *args):
    return client.post(reverse(name, args=args), {"base_version": latest(), **data})


def targets_data(baseline_period, baseline_value, *rows):
    """The baseline and targets form: ``rows`` are (period key, value) pairs."""
    data = {
        "baseline_period": baseline_period,
        "baseline_value": baseline_value,
        "targets-TOTAL_FORMS": str(len(rows) + 1),
        "targets-INITIAL_FORMS": "0",
    }
    for n, (period, value) in enumerate(rows):
        data[f"targets-{n}-period"] = period
        data[f"targets-{n}-value"] = value
    return data


def test_backbone_builds_the_agenda_and_every_edit_is_a_version(world):
    client = world.client(world.backbone)
    assert client.get(reverse("agenda_edit")).status_code == 200
    assert client.get(reverse("agenda")).status_code == 200
    assert client.get(reverse("agenda_history")).status_code == 200
    assert latest() == 0  # reading writes nothing; the first edit records version 1 first
    response = post(
        client,
        "agenda_edit",
        {"title_en": "Our agenda", "vision_en": "Every **young person** thrives.", "summary": ""},
    )
    assert response.status_code == 302
    response = post(
        client,
        "goal_create",
        {
            "title_en": "Graduate ready",
            "description_en": "All students graduate.",
            "order": 0,
            "indicators": [world.share.pk],
            "summary": "First goal",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert list(goal.indicators.all()) == [world.share]
    response = post(
        client,
        "strategy_create",
        {"title": "Career fairs", "description": "Twice a year.", "order": 0, "summary": ""},
        goal.pk,
    )
    assert response.status_code == 302
    assert Strategy.objects.get().goal == goal
    history = list(AgendaVersion.objects.order_by("number").values_list("number", "summary"))
    assert history == [
        (1, "The agenda as first recorded"),
        (2, "Edited the vision"),
        (3, "First goal"),
        (4, "Added a strategy to “Graduate ready”"),
    ]
    page = world.client(world.funder).get(reverse("agenda")).text
    assert "<strong>young person</strong>" in page
    assert "Career fairs" in page and "Graduate ready" in page


def test_markdown_is_sanitized(world):
    Agenda.objects.create(
        title="A",
        vision='Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="y">',
    )
    page = world.client(world.member_a).get(reverse("agenda")).text
    assert "<script>alert" not in page
    assert 'href="javascript' not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(world):
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    stale = latest()
    post(client, "agenda_edit", {"title_en": "First", "vision_en": "One", "summary": ""})
    response = client.post(
        reverse("agenda_edit"),
        {"title_en": "Second", "vision_en": "My long careful text", "base_version": stale},
    )
    assert response.status_code == 400
    assert "Someone else saved the agenda" in response.text
    assert "My long careful text" in response.text
    assert Agenda.load().vision == "One"
    # The form now carries the latest version: saving again goes through.
    assert f'value="{latest()}"' in response.text


def test_diff_shows_added_and_removed_lines(world):
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    post(client, "agenda_edit", {"title_en": "T", "vision_en": "Old sentence.", "summary": ""})
    post(client, "agenda_edit", {"title_en": "T", "vision_en": "New sentence.", "summary": ""})
    page = client.get(reverse("agenda_version", args=[latest()])).text
    assert "<del>" in page and "Old sentence." in page
    assert "<ins>" in page and "New sentence." in page
    lines = versions.diff(
        AgendaVersion.objects.get(number=latest() - 1).snapshot,
        AgendaVersion.objects.get(number=latest()).snapshot,
    )
    changed = [(line.kind, line.text) for line in lines if line.kind != "same"]
    assert changed == [("removed", "Old sentence."), ("added", "New sentence.")]


def test_restore_brings_back_exactly_the_version(world):
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    post(client, "agenda_edit", {"title_en": "Agenda", "vision_en": "Vision v2", "summary": ""})
    post(
        client,
        "goal_create",
        {"title_en": "Goal A", "description_en": "A", "order": 0, "indicators": [world.count.pk]},
    )
    goal = Goal.objects.get()
    post(client, "strategy_create", {"title": "S1", "description": "s", "order": 0}, goal.pk)
    post(
        client,
        "targets_edit",
        targets_data("2022", "100", ("2025", "120"), ("2026", "130")),
        world.count.code,
    )
    keep = AgendaVersion.objects.get(number=latest())
    kept = versions.snapshot()
    assert keep.snapshot == kept
    # Change everything: text, goal, strategy deleted, targets, a new goal.
    post(client, "agenda_edit", {"title_en": "Other", "vision_en": "Vision v3", "summary": ""})
    post(client, "strategy_delete", {}, Strategy.objects.get().pk)
    post(
        client,
        "targets_edit",
        targets_data("2023", "90", ("2027", "99")),
        world.count.code,
    )
    post(client, "goal_create", {"title_en": "Goal B", "description_en": "", "order": 1})
    post(client, "goal_edit", {"title_en": "Goal A2", "description_en": "", "order": 0}, goal.pk)
    assert versions.snapshot() != kept

    response = post(client, "agenda_restore", {"summary": ""}, keep.number)
    assert response.status_code == 302
    assert versions.snapshot() == kept
    restored = AgendaVersion.objects.get(number=latest())
    assert restored.summary == f"Restored version {keep.number}"
    assert restored.snapshot == kept
    baseline = Target.objects.get(indicator=world.count, kind="baseline")
    assert (baseline.period.key, baseline.value) == ("2022", Decimal("100"))
    # A new goal made after the restore does not collide with a restored id.
    post(client, "goal_create", {"title_en": "Goal C", "description_en": "", "order": 2})
    assert Goal.objects.filter(title="Goal C").exists()


def test_targets_form_reports_each_bad_row_and_saves_nothing(world):
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    response = post(
        client,
        "targets_edit",
        targets_data("2022", "10", ("2025", "12"), ("2026", ""), ("", "5"), ("2027", "lots")),
        world.count.code,
    )
    assert response.status_code == 400
    text = response.text
    assert "Give the target for this period." in text
    assert "Choose the period of this target." in text
    assert "Enter a number." in text
    assert not Target.objects.exists()
    assert latest() == 1

    response = post(
        client,
        "targets_edit",
        targets_data("2024-Q1", "10"),
        world.count.code,
    )
    assert response.status_code == 400
    # A period of a kind the indicator has no figures for is not among the choices.
    assert "Select a valid choice. 2024-Q1 is not one of the available choices." in response.text

    response = post(
        client,
        "targets_edit",
        targets_data("2024", "10", ("2023", "11")),
        world.count.code,
    )
    assert response.status_code == 400
    assert "Targets come after the baseline period." in response.text
    assert not Target.objects.exists()


def test_deleting_a_goal_can_be_undone_from_the_history(world):
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    post(client, "goal_create", {"title_en": "Keep me", "description_en": "x", "order": 0})
    goal = Goal.objects.get()
    Strategy.objects.create(goal=goal, title="S")  # outside a version: recorded below
    versions.record(world.backbone, "strategy")
    before = latest()
    response = post(client, "goal_delete", {"summary": ""}, goal.pk)
    assert response.status_code == 302
    assert not Goal.objects.exists()
    post(client, "agenda_restore", {}, before)
    restored = Goal.objects.get()
    assert (restored.pk, restored.title, restored.strategies.get().title) == (
        goal.pk,
        "Keep me",
        "S",
    )


def test_targets_use_one_period_kind(world):
    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    world.count.period_type = "month"
    world.count.save()
    response = post(
        client,
        "targets_edit",
        targets_data("2024", "10", ("2025-Q1", "11")),
        world.count.code,
    )
    assert response.status_code == 400
    assert "one kind" in response.text
    response = post(
        client,
        "targets_edit",
        targets_data("2024", "10", ("2025", "11"), ("2026", "12")),
        world.count.code,
    )
    assert response.status_code == 302
    assert [t.period for t in Target.objects.filter(kind="target")] == [
        parse_period("2025"),
        parse_period("2026"),
    ]


def test_two_saves_from_the_same_version_the_second_is_told_it_is_stale(world):
    """Both forms pass their check (as two saves at the same moment would); the action
    checks again under the agenda's lock, so the second changes nothing."""
    from agenda import actions
    from agenda.forms import AgendaForm

    ensure_first_version(world.backbone)
    forms = [
        AgendaForm(
            {"title_en": title, "vision_en": "", "summary": "", "base_version": 1},
            instance=Agenda.load(),
        )
        for title in ("First", "Second")
    ]
    assert all(form.is_valid() for form in forms)
    actions.save_form(forms[0], world.backbone, "Edited")
    with pytest.raises(actions.Stale) as stale:
        actions.save_form(forms[1], world.backbone, "Edited")
    assert stale.value.latest == 2
    assert Agenda.load().title == "First"
    assert latest() == 2


@pytest.mark.django_db(transaction=True)
def test_two_agenda_saves_at_once_never_answer_500(world):
    import threading

    from django.db import connection

    ensure_first_version(world.backbone)
    barrier = threading.Barrier(2)
    statuses = []

    def save(title):
        try:
            client = world.client(world.backbone)
            barrier.wait(5)
            response = client.post(
                reverse("agenda_edit"),
                {"title_en": title, "vision_en": "", "summary": "", "base_version": 1},
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("First", "Second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses) == [302, 400]  # one saved; the other told it is stale
    assert latest() == 2


def test_targets_choose_periods_of_the_indicators_kind_and_the_baseline_is_the_data(world):
    """A school-year indicator offers school years (the old form's own example, “2027”,
    was refused for it); a baseline left blank is the region's approved figure, and a value
    that contradicts it is refused."""
    from tests.test_dashboards import decide, rate

    client = world.client(world.backbone)
    ensure_first_version(world.backbone)
    world.share.period_type = "school"
    world.share.save()
    page = client.get(reverse("targets_edit", args=[world.share.code])).text
    assert '<option value="SY2027-28">' in page and '<option value="2027">' not in page
    rate(world.share, "SY2023-24", 157, 200)  # 78.5 %
    decide()
    response = post(
        client, "targets_edit", targets_data("SY2023-24", "70", ("SY2027-28", "85")), "grad-rate"
    )
    assert response.status_code == 400
    assert "The region&#x27;s approved figure for SY 2023–24 is 78.5%" in response.text
    response = post(
        client, "targets_edit", targets_data("SY2023-24", "", ("SY2027-28", "85")), "grad-rate"
    )
    assert response.status_code == 302
    baseline = Target.objects.get(indicator=world.share, kind="baseline")
    assert (baseline.period.key, baseline.value) == ("SY2023-24", Decimal("78.5"))
    # Before the partnership's own figures there is none: the value must be given.
    response = post(client, "targets_edit", targets_data("SY2019-20", ""), "grad-rate")
    assert "There is no approved region-wide figure for SY 2019–20" in response.text
