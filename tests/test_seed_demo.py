import pytest
from django.core.management import call_command
from django.db.models import F

from measures.models import Aggregate, DataValue, Submission, SubmissionStatus
from partners.models import Membership, Organization, Role, User

pytestmark = pytest.mark.django_db

DEMO_LOGINS = {
    "backbone@example.org": Role.BACKBONE,
    "lead@example.org": Role.LEAD,
    "member@example.org": Role.MEMBER,
    "other.lead@example.org": Role.LEAD,
    "funder@example.org": Role.FUNDER,
}


def snapshot():
    return (
        Organization.objects.count(),
        DataValue.objects.count(),
        sorted(Aggregate.objects.values_list("indicator__code", "period_start", "value")),
    )


def test_seed_is_idempotent_and_creates_the_demo_logins(settings):
    settings.DEMO_PASSWORD = "pathways-demo"
    call_command("seed_demo", "--force")
    first = snapshot()
    call_command("seed_demo", "--force")
    assert snapshot() == first
    assert 20 <= first[0] - 2 <= 30  # partners, besides the backbone and a funder
    assert len({code for code, _, _ in first[2]}) >= 3
    for email, role in DEMO_LOGINS.items():
        user = User.objects.get(email=email)
        assert user.check_password("pathways-demo")
        assert Membership.objects.get(user=user).role == role
    lead_org = Membership.objects.get(user__email="lead@example.org").organization
    assert Membership.objects.get(user__email="member@example.org").organization == lead_org
    assert Membership.objects.get(user__email="other.lead@example.org").organization != lead_org
    assert Submission.objects.filter(status=SubmissionStatus.SUBMITTED).exists()
    years = Submission.objects.filter(status=SubmissionStatus.APPROVED).values("period_start")
    assert years.distinct().count() >= 3
    # Nothing the report form itself would refuse (0 of 0, a numerator over its denominator).
    assert not DataValue.objects.filter(denominator=0).exists()
    assert not DataValue.objects.filter(
        numerator__gt=F("denominator"), indicator__unit="percent"
    ).exists()


def test_no_demo_logins_without_debug_or_force(settings):
    settings.DEBUG = False
    call_command("seed_demo")
    assert not User.objects.exists()
    assert Organization.objects.count() >= 15


def test_the_demo_publishes_real_figures_and_the_audit_recovers_nothing(settings):
    """On the demo region, published for funders and the public: every indicator and
    audience audited exactly, and one indicator's held-back counts ranged by linear
    programming."""
    import io
    import re

    from measures.models import Publication

    call_command("seed_demo", "--force", verbosity=0)
    publication = Publication.load()
    assert publication.for_funders and publication.public
    published = Aggregate.objects.filter(scope_type="region", dimension_code="", disclosure="")
    assert published.values("indicator").distinct().count() >= 20  # real figures to read

    out = io.StringIO()
    call_command("audit_disclosure", "--no-ranges", stdout=out)
    text = out.getvalue()
    assert "suppressed figures recovered exactly: 0" in text
    assert "published figures from too few organizations: 0" in text
    assert re.search(r"^c2c-hs-graduation\s+durham-public-schools\s+\d", text, re.M)

    out = io.StringIO()
    call_command(
        "audit_disclosure",
        "--indicator",
        "perkins-1s1-grad-4yr",
        "--audience",
        "funder",
        stdout=out,
    )
    row = next(line for line in out.getvalue().splitlines() if line.startswith("perkins-1s1"))
    *_counts, recovered, narrowest = row.split()
    assert recovered == "0"
    assert narrowest != "—" and float(narrowest.replace(",", "")) >= 1
