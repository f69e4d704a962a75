"""Moving models into apps of their own keeps every table and every row.

The test takes the database back to the layout before the move (the network in partners; the
activities, funding, communication and share links in agenda; a pathway's partnerships on the
pathway), writes data through that layout's models, migrates to the current one and reads
the same data through the moved models.
"""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("agenda", "0003_publication_moves_to_measures"),
    ("partners", "0004_placement_changes"),
    ("pathways", "0001_initial"),
    ("network", None),
    ("activities", None),
    ("funding", None),
    ("communication", None),
    ("dashboards", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _fill(apps):
    """One row of every moved model, through the models of the layout before the move."""
    user = apps.get_model("partners", "User").objects.create(email="lead@example.org")
    organization = apps.get_model("partners", "Organization").objects.create(
        name="Durham Tech", slug="durham-tech", sector_type="college"
    )
    other = apps.get_model("partners", "Organization").objects.create(
        name="Durham Works", slug="durham-works", sector_type="workforce"
    )
    sector = apps.get_model("pathways", "Sector").objects.create(slug="health", name="Health")
    cluster = apps.get_model("pathways", "CareerCluster").objects.create(
        code="health-science", name="Health Science"
    )
    pathway = apps.get_model("pathways", "Pathway").objects.create(
        slug="nursing", title="Nursing", sector=sector, cluster=cluster, owner=organization
    )
    partnership = apps.get_model("partners", "Partnership").objects.create(
        first=organization, second=other, kind="mou", start=date(2026, 1, 1)
    )
    pathway.partnerships.add(partnership)
    group = apps.get_model("partners", "WorkingGroup").objects.create(
        slug="health", name="Health working group"
    )
    group.members.add(user)
    apps.get_model("partners", "LeadTerm").objects.create(
        group=group, lead=user, start=date(2026, 1, 1)
    )
    goal = apps.get_model("agenda", "Goal").objects.create(title="More nurses")
    strategy = apps.get_model("agenda", "Strategy").objects.create(goal=goal, title="Clinicals")
    commitment = apps.get_model("agenda", "Commitment").objects.create(
        strategy=strategy,
        organization=organization,
        title="Clinical placements",
        audience="Adults",
        start=date(2026, 1, 1),
    )
    apps.get_model("agenda", "ProgressUpdate").objects.create(
        commitment=commitment, author=user, text="Ten placements", status="active"
    )
    stream = apps.get_model("agenda", "FundingStream").objects.create(
        funder=other,
        recipient=organization,
        name="Nursing grant",
        amount=50000,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        purpose="Clinical placements",
    )
    stream.goals.add(goal)
    stream.strategies.add(strategy)
    post = apps.get_model("agenda", "Post").objects.create(
        author=user, working_group=group, title="Kick-off", body="We met."
    )
    apps.get_model("agenda", "Comment").objects.create(post=post, author=user, body="Thanks")
    meeting = apps.get_model("agenda", "Meeting").objects.create(
        title="Quarterly", working_group=group, starts_at=timezone.now(), created_by=user
    )
    apps.get_model("agenda", "Decision").objects.create(meeting=meeting, text="Go ahead")
    apps.get_model("agenda", "ActionItem").objects.create(
        meeting=meeting, text="Book rooms", owner=user, due=date(2026, 2, 1)
    )
    apps.get_model("agenda", "Notification").objects.create(
        user=user, text="New update", url="/updates/"
    )
    apps.get_model("agenda", "EmailPreference").objects.create(user=user, weekly_digest=False)
    apps.get_model("agenda", "ShareLink").objects.create(
        label="Commissioners",
        token_digest="a" * 64,
        created_by=user,
        expires_at=timezone.now() + timedelta(days=30),
    )


@pytest.mark.django_db(transaction=True)
def test_a_database_in_the_old_layout_migrates_with_its_data():
    leaves = _leaves()
    old = _migrate(BEFORE)
    assert old.get_model("agenda", "Commitment")._meta.db_table == "agenda_commitment"
    assert ContentType.objects.filter(app_label="agenda", model="commitment").exists()
    _fill(old)

    _migrate(leaves)

    from activities.models import Commitment, ProgressUpdate
    from communication.models import (
        ActionItem,
        Comment,
        Decision,
        EmailPreference,
        Meeting,
        Notification,
        Post,
    )
    from dashboards.models import ShareLink
    from funding.models import FundingStream
    from network.models import LeadTerm, Partnership, WorkingGroup
    from pathways.models import Pathway

    partnership = Partnership.objects.get()
    assert [p.slug for p in partnership.pathways.all()] == ["nursing"]
    assert list(Pathway.objects.get().partnerships.all()) == [partnership]
    group = WorkingGroup.objects.get()
    assert [u.email for u in group.members.all()] == ["lead@example.org"]
    assert LeadTerm.objects.get().group == group
    commitment = Commitment.objects.get()
    assert commitment.strategy.title == "Clinicals"
    assert ProgressUpdate.objects.get().commitment == commitment
    stream = FundingStream.objects.get()
    assert [g.title for g in stream.goals.all()] == ["More nurses"]
    assert [s.title for s in stream.strategies.all()] == ["Clinicals"]
    post = Post.objects.get()
    assert post.working_group == group
    assert Comment.objects.get().post == post
    meeting = Meeting.objects.get()
    assert Decision.objects.get().meeting == meeting
    assert ActionItem.objects.get().meeting == meeting
    assert Notification.objects.get().text == "New update"
    assert EmailPreference.objects.get().weekly_digest is False
    assert ShareLink.objects.get().label == "Commissioners"

    # Permissions and admin history follow the models to their apps.
    moved = {
        "activities": ["commitment", "progressupdate"],
        "funding": ["fundingstream"],
        "communication": ["post", "meeting", "notification"],
        "dashboards": ["sharelink"],
        "network": ["partnership", "workinggroup", "leadterm"],
    }
    for app_label, models in moved.items():
        for model in models:
            assert ContentType.objects.filter(app_label=app_label, model=model).exists()
            assert not ContentType.objects.filter(
                app_label__in=["agenda", "partners"], model=model
            ).exists()
