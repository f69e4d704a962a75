"""CSV import: all or nothing, each problem with its row and column; command and page."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from measures.models import (
    Aggregate,
    DataValue,
    ImportJob,
    Submission,
    SubmissionStatus,
    ValueChange,
)
from partners.roles import roles_for
from tests.conftest import YEAR

pytestmark = pytest.mark.django_db

HEADER = "indicator,organization,period,dimension,category,numerator,denominator,value,note\n"


def good_file(org="durham-tech"):
    return (
        HEADER
        + f"enrolled,{org},{YEAR},,,,,120,\n"
        + f"grad-rate,{org},{YEAR},,,80,100,,\n"
        + f"grad-rate,{org},{int(YEAR) - 1},,,70,100,70.0,first year\n"
    )


def run_command(tmp_path, content, email, *extra, encoding="utf-8"):
    path = tmp_path / "values.csv"
    path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    err = StringIO()
    try:
        call_command(
            "import_values", str(path), "--as", email, *extra, stdout=StringIO(), stderr=err
        )
    except CommandError as error:
        return False, err.getvalue() + str(error)
    return True, err.getvalue()


def test_command_imports_drafts_with_history(world, tmp_path):
    ok, output = run_command(tmp_path, good_file(), world.member_a.email)
    assert ok, output
    assert Submission.objects.filter(status=SubmissionStatus.DRAFT).count() == 2
    total = DataValue.objects.get(indicator=world.share, submission__period_start__year=int(YEAR))
    assert (total.numerator, total.denominator, total.value) == (80, 100, 80)
    change = ValueChange.objects.filter(data_value=total).get()
    assert change.reason == "Imported from values.csv"
    assert change.changed_by == world.member_a


def test_a_byte_order_mark_is_fine(world, tmp_path):
    ok, output = run_command(tmp_path, "\ufeff" + good_file(), world.member_a.email)
    assert ok, output


def test_every_problem_is_listed_with_row_and_column_and_nothing_is_saved(world, tmp_path):
    content = (
        HEADER
        + f"nope,durham-tech,{YEAR},,,,,1,\n"  # row 2
        + f"enrolled,dps,{YEAR},,,,,1,\n"  # row 3: not the member's organization
        + "enrolled,durham-tech,2025-Q1,,,,,1,\n"  # row 4: yearly indicator
        + f"enrolled,durham-tech,{YEAR},,,,,-4,\n"  # row 5
        + f"grad-rate,durham-tech,{YEAR},,,120,100,,\n"  # row 6
        + f"grad-rate,durham-tech,{int(YEAR) - 1},,,50,100,65,\n"  # row 7: value mismatch
        + f"enrolled,durham-tech,{YEAR},sex,female,,,1,\n"  # row 8: no such breakdown
        + f"enrolled,durham-tech,{int(YEAR) - 2},,,,,abc,\n"  # row 9
        + f"enrolled,durham-tech,{int(YEAR) - 3},,,,,10,\n"
        + f"enrolled,durham-tech,{int(YEAR) - 3},,,,,11,\n"  # row 11: duplicate
    )
    ok, output = run_command(tmp_path, content, world.member_a.email)
    assert not ok
    for expected in (
        "row 2, indicator: No indicator has the code “nope”.",
        "row 3, organization: You cannot report for Durham Public Schools.",
        "row 4, period: enrolled is reported by calendar year",
        "row 5, value: This cannot be negative.",
        "row 6, numerator: The numerator cannot be larger than the denominator.",
        "row 7, value: 65 does not match numerator ÷ denominator (50)",
        "row 8, dimension: enrolled has no breakdown “sex”.",
        "row 9, value: Enter a number, such as 42.",
        "row 11, indicator: Same value as row 10.",
        "Nothing was imported: 9 problem(s)",
    ):
        assert expected in output, expected
    assert not DataValue.objects.exists()
    assert not Submission.objects.exists()


def test_unknown_and_missing_columns(world, tmp_path):
    ok, output = run_command(tmp_path, "indicator,organisation,value\n", world.member_a.email)
    assert not ok
    assert "Unknown column(s): organisation" in output
    assert "Missing column(s): organization, period" in output


def test_not_utf8_is_refused(world, tmp_path):
    ok, output = run_command(
        tmp_path, good_file().replace("120", "12°"), world.member_a.email, encoding="latin-1"
    )
    assert not ok
    assert "not UTF-8" in output


def test_backbone_loads_history_as_approved_and_it_rolls_up(
    world, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ok, output = run_command(tmp_path, good_file(), world.backbone.email, "--approve")
    assert ok, output
    assert set(Submission.objects.values_list("status", flat=True)) == {SubmissionStatus.APPROVED}
    region = Aggregate.objects.get(
        indicator=world.share,
        scope_type="region",
        period_start__year=int(YEAR),
        dimension_code="",
    )
    assert region.value == 80


def test_partners_cannot_approve_on_import(world, tmp_path):
    ok, output = run_command(tmp_path, good_file(), world.lead_a.email, "--approve")
    assert not ok
    assert "Only backbone staff may import values as approved." in output
    assert not Submission.objects.exists()


def test_a_locked_report_is_not_overwritten(world, tmp_path):
    run_command(tmp_path, good_file(), world.backbone.email, "--approve")
    ok, output = run_command(tmp_path, good_file(), world.member_a.email)
    assert not ok
    assert "is approved and locked" in output
    assert DataValue.objects.get(indicator=world.count).value == 120


def upload(client, content, name="values.csv", **extra):
    return client.post(
        reverse("import_values"),
        {"file": SimpleUploadedFile(name, content.encode(), "text/csv"), **extra},
    )


def test_page_import_runs_as_a_job_and_reports_its_result(
    world, django_capture_on_commit_callbacks
):
    client = world.client(world.member_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, good_file())
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE
    page = client.get(response.url)
    assert "3 rows imported into 2 report(s)" in page.text
    assert DataValue.objects.count() == 3


def test_page_import_lists_problems(world, django_capture_on_commit_callbacks):
    client = world.client(world.member_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, HEADER + f"enrolled,durham-tech,{YEAR},,,,,-1,\n")
    page = client.get(response.url)
    assert "Nothing was imported" in page.text
    assert "<td>2</td><td>value</td><td>This cannot be negative.</td>" in page.text
    assert "<progress" not in page.text  # no bar left half full after a failed import
    fragment = client.get(response.url, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and "import-progress" in fragment.text


def test_page_refuses_a_file_that_is_not_csv(world):
    response = upload(world.client(world.member_a), "x", name="values.xlsx")
    assert response.status_code == 400
    assert "Upload a .csv file." in response.text
    assert not ImportJob.objects.exists()


def test_template_lists_what_the_organization_reports(world):
    response = world.client(world.member_a).get(reverse("import_template"))
    lines = response.content.decode().splitlines()
    assert lines[0] == HEADER.strip()
    assert any(line.startswith("enrolled,durham-tech,") for line in lines[1:])
    assert not any(",dps," in line for line in lines)


def test_a_file_with_a_nul_byte_is_refused_with_its_row(world):
    client = world.client(world.member_a)
    response = upload(client, good_file().replace("\n", "\n\x00", 2).replace("\n\x00", "\n", 1))
    assert response.status_code == 400
    assert "Row 3 holds a control character" in response.text
    assert not ImportJob.objects.exists()
    assert not DataValue.objects.exists()


def test_an_overlong_cell_is_a_problem_with_its_row_and_column(world):
    from measures import imports

    header, first, *rest = good_file().splitlines()
    text = "\n".join([header, first.rsplit(",", 1)[0] + "," + "x" * 600, *rest])
    _records, problems, _count = imports.check(text, roles=roles_for(world.member_a))
    assert [(p.row, p.column) for p in problems] == [(2, "note")]
    assert "at most 500 fit" in problems[0].message


def test_a_cell_over_the_csv_field_limit_is_a_problem_not_a_crash(world):
    from measures import imports

    header, first, *_rest = good_file().splitlines()
    text = header + "\n" + first.rsplit(",", 1)[0] + ',"' + "x\n" * 100_000 + '"\n'
    _records, problems, _count = imports.check(text, roles=roles_for(world.member_a))
    # A note of 200,000 characters over many lines: its row and its column.
    assert [(p.row, p.column) for p in problems] == [(2, "note")]
    assert "at most 500 fit" in problems[0].message


def test_backbone_staff_import_a_partners_values_only_as_approved_history(world):
    from measures import imports

    _records, problems, _count = imports.check(good_file(), roles=roles_for(world.backbone))
    assert problems and all(p.column == "organization" for p in problems)
    assert "only as approved history" in problems[0].message
    _records, problems, _count = imports.check(
        good_file(), roles=roles_for(world.backbone), approve=True
    )
    assert problems == []


def test_approved_history_never_overwrites_a_partners_report_under_way(world, tmp_path):
    """A backbone import with --approve into a period where the organization has a draft
    refuses the rows, names the draft, and changes nothing of it."""
    from measures import actions
    from measures.periods import parse_period

    draft = actions.get_or_start_submission(world.org_a, parse_period(YEAR))
    figures = {(world.count.pk, None): {"value": 5, "numerator": None, "denominator": None}}
    actions.save_values(draft, figures, by=world.lead_a)
    ok, output = run_command(tmp_path, good_file(), world.backbone.email, "--approve")
    assert not ok
    assert "Durham Tech has its own report for" in output and "(draft)" in output
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT
    assert DataValue.objects.get(submission=draft, indicator=world.count).value == 5
    # A partner's lead importing into their own draft is their own business.
    ok, output = run_command(tmp_path, good_file(), world.lead_a.email)
    assert ok, output


def test_a_draft_begun_after_the_check_is_not_overwritten_by_the_load(world):
    from measures import actions, imports
    from measures.periods import parse_period

    records, problems, _count = imports.check(
        good_file(), roles=roles_for(world.backbone), approve=True
    )
    assert problems == []
    draft = actions.get_or_start_submission(world.org_a, parse_period(YEAR))
    figures = {(world.count.pk, None): {"value": 5, "numerator": None, "denominator": None}}
    actions.save_values(draft, figures, by=world.lead_a)
    with pytest.raises(imports.ImportError_):
        imports.load(records, by=world.backbone, approve=True, source="late.csv")
    assert DataValue.objects.get(submission=draft, indicator=world.count).value == 5
