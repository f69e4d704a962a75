"""Reference data: SOC 2018, CIP 2020 and BLS OEWS imports (all or nothing, each problem with
its row and column), and the demo region's pathways."""

from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from demo import pathways as demo
from partners.models import Organization, SectorType
from pathways.models import (
    STAGE_ORDER,
    Audience,
    CareerCluster,
    CipCode,
    Credential,
    Occupation,
    Pathway,
    Program,
    Step,
    StepKind,
    StepLink,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SOC_DETAILED = {
    "15-1212",
    "15-1231",
    "15-1232",
    "15-1252",
    "19-4021",
    "19-4031",
    "29-1141",
    "29-2061",
    "31-1131",
    "31-9092",
    "51-4041",
    "51-9011",
    "51-9161",
}
SOC_HEADER = "SOC Group,SOC Code,SOC Title,SOC Definition\n"
OEWS_HEADER = (DATA / "oews_sample.csv").read_text().splitlines()[0] + "\n"


def run(command, *args):
    """(True, output) when the command succeeds, (False, its error) when it refuses."""
    out = StringIO()
    try:
        call_command(command, *[str(a) for a in args], stdout=out, stderr=StringIO())
    except CommandError as error:
        return False, str(error)
    return True, out.getvalue()


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def oews_row(code, title, median, *, area="20500", area_title="Durham-Chapel Hill, NC"):
    cells = dict.fromkeys(OEWS_HEADER.strip().split(","), "")
    cells.update(
        AREA=area,
        AREA_TITLE=f'"{area_title}"',
        OCC_CODE=code,
        OCC_TITLE=title,
        O_GROUP="detailed",
        I_GROUP="cross-industry",
        A_MEDIAN=f'"{median}"',
    )
    return ",".join(cells.values()) + "\n"


# SOC 2018 --------------------------------------------------------------------------------


def test_soc_sample_creates_the_detailed_occupations_only():
    ok, output = run("import_soc", DATA / "soc_2018_sample.csv")
    assert ok, output
    assert set(Occupation.objects.values_list("soc_code", flat=True)) == SOC_DETAILED
    assert Occupation.objects.get(soc_code="15-1252").title == "Software Developers"
    assert "13 created, 0 updated, 0 unchanged" in output
    assert "25 rows skipped" in output  # major, minor and broad groups


def test_soc_reimport_updates_titles_and_never_touches_figures():
    Occupation.objects.create(
        soc_code="29-1141",
        title="Nurses (old title)",
        median_wage=Decimal(90000),
        source="BLS OEWS, Durham-Chapel Hill, NC",
        period="May 2024",
    )
    ok, output = run("import_soc", DATA / "soc_2018_sample.csv")
    assert ok, output
    assert "12 created, 1 updated, 0 unchanged" in output
    nurse = Occupation.objects.get(soc_code="29-1141")
    assert nurse.title == "Registered Nurses"
    assert (nurse.median_wage, nurse.source, nurse.period) == (
        Decimal(90000),
        "BLS OEWS, Durham-Chapel Hill, NC",
        "May 2024",
    )
    ok, output = run("import_soc", DATA / "soc_2018_sample.csv")
    assert ok, output
    assert "0 created, 0 updated, 13 unchanged" in output
    assert Occupation.objects.count() == 13


def test_soc_title_lines_above_the_header_and_a_byte_order_mark_are_fine(tmp_path):
    content = (
        "\ufeff2018 Standard Occupational Classification System\n"
        "\n"
        "SOC Code,SOC Title\n"  # no SOC Group column: codes ending in 0 are groups
        '15-1250,"Software and Web Developers, Programmers, and Testers"\n'
        "15-1252,Software Developers\n"
    )
    ok, output = run("import_soc", write(tmp_path, "soc.csv", content))
    assert ok, output
    assert list(Occupation.objects.values_list("soc_code", flat=True)) == ["15-1252"]


def test_soc_bad_code_names_row_and_column_and_saves_nothing(tmp_path):
    content = (
        SOC_HEADER
        + "Detailed,15-1252,Software Developers,\n"
        + "Detailed,15-125,Software Quality Assurance Analysts and Testers,\n"
        + "Detailed,29-1141,,\n"
    )
    ok, error = run("import_soc", write(tmp_path, "soc.csv", content))
    assert not ok
    assert "Nothing was imported from soc.csv" in error
    assert "row 3, column SOC Code: “15-125” is not a SOC 2018 code (form 15-1252)." in error
    assert "row 4, column SOC Title: The title is empty." in error
    assert not Occupation.objects.exists()


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("Detail,15-1252,Software Developers,", "“Detail” is not a SOC group"),
        ("Detailed,15 1252,Software Developers,", "“15 1252” is not a SOC 2018 code"),
        ("Detailed,15-1232,Computer User Support Specialists,", "15-1232 appears again"),
    ],
)
def test_soc_other_row_problems(tmp_path, row, expected):
    content = SOC_HEADER + "Detailed,15-1232,Computer User Support Specialists,\n" + row + "\n"
    ok, error = run("import_soc", write(tmp_path, "soc.csv", content))
    assert not ok
    assert "row 3, column S" in error and expected in error
    assert not Occupation.objects.exists()


def test_soc_unknown_column_is_named(tmp_path):
    content = "SOC Code,SOC Title,Median wage\n15-1252,Software Developers,130000\n"
    ok, error = run("import_soc", write(tmp_path, "soc.csv", content))
    assert not ok
    assert "row 1, column Median wage: Unknown column: Median wage." in error
    assert "SOC Group, SOC Code, SOC Title, SOC Definition" in error
    assert not Occupation.objects.exists()


def test_soc_missing_column_is_named(tmp_path):
    content = "SOC Group,SOC Code\nDetailed,15-1252\n"
    ok, error = run("import_soc", write(tmp_path, "soc.csv", content))
    assert not ok
    assert "Missing column: SOC Title" in error
    assert not Occupation.objects.exists()


def test_soc_value_under_a_column_without_a_name(tmp_path):
    content = SOC_HEADER + "Detailed,15-1252,Software Developers,,stray\n"
    ok, error = run("import_soc", write(tmp_path, "soc.csv", content))
    assert not ok
    assert "row 2, column E: This column has no name in the header" in error


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("soc_2018_definitions.xlsx", SOC_HEADER, "an Excel workbook"),
        ("soc.csv", b"PK\x03\x04\x14\x00\x06\x00", "an Excel workbook or a zip archive"),
        ("soc.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97–2003 workbook"),
        ("soc.pdf", b"%PDF-1.6", "a PDF document"),
    ],
)
def test_a_file_that_is_not_csv_is_refused(tmp_path, name, content, kind):
    ok, error = run("import_soc", write(tmp_path, name, content))
    assert not ok
    assert f"{name} is not a CSV file (it looks like {kind}). Only CSV files are imported" in error
    assert not Occupation.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    content = SOC_HEADER + "Detailed,15-1252,Développeurs de logiciels,\n"
    ok, error = run("import_soc", write(tmp_path, "soc.csv", content, encoding="latin-1"))
    assert not ok
    assert "soc.csv is not UTF-8 text" in error
    assert not Occupation.objects.exists()


def test_an_empty_file_and_a_missing_file(tmp_path):
    ok, error = run("import_soc", write(tmp_path, "soc.csv", ""))
    assert not ok and "soc.csv is empty" in error
    ok, error = run("import_soc", tmp_path / "nowhere.csv")
    assert not ok and "Cannot read" in error


# CIP 2020 --------------------------------------------------------------------------------


@pytest.fixture
def cip_codes(db):
    return CipCode


def test_cip_sample_keeps_six_digit_2020_codes(cip_codes):
    ok, output = run("import_cip", DATA / "cip_2020_sample.csv")
    assert ok, output
    assert list(cip_codes.objects.values_list("code", flat=True)) == [
        "01.8001",
        "11.0701",
        "11.1006",
        "26.1201",
        "41.0101",
        "48.0501",
        "51.0801",
        "51.3801",
        "51.3901",
        "51.3902",
    ]  # not the families, the series, or 51.2401 (moved to 01.8001)
    biotech = cip_codes.objects.get(code="26.1201")
    assert biotech.title == "Biotechnology"
    assert biotech.definition.startswith("A program that focuses on the application")
    assert "10 created, 0 updated, 0 unchanged; 4 rows skipped" in output
    ok, output = run("import_cip", DATA / "cip_2020_sample.csv")
    assert ok, output
    assert "0 created, 0 updated, 10 unchanged" in output
    assert cip_codes.objects.count() == 10


def test_cip_reimport_updates_titles(cip_codes, tmp_path):
    cip_codes.objects.create(code="26.1201", title="Biotech (old)")
    header = "CIPFamily,CIPCode,Action,TextChange,CIPTitle,CIPDefinition,CrossReferences,Examples\n"
    content = header + '="26",="26.1201",No substantive changes,No,Biotechnology.,A program.,,\n'
    ok, output = run("import_cip", write(tmp_path, "CIPCode2020.csv", content))
    assert ok, output
    assert "0 created, 1 updated" in output
    assert cip_codes.objects.get().title == "Biotechnology"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            '="26",="26.120",New,No,Biotechnology.,,,',
            "row 3, column CIPCode: “26.120” is not a CIP 2020 code (form 51.3801).",
        ),
        (
            '="26",="26.1201",Renamed,No,Biotechnology.,,,',
            "row 3, column Action: “Renamed” is not a CIP 2020 action",
        ),
    ],
)
def test_cip_bad_rows_save_nothing(cip_codes, tmp_path, row, message):
    content = (
        "CIPFamily,CIPCode,Action,TextChange,CIPTitle,CIPDefinition,CrossReferences,Examples\n"
        '="11",="11.0701",No substantive changes,No,Computer Science.,,,\n' + row + "\n"
    )
    ok, error = run("import_cip", write(tmp_path, "cip.csv", content))
    assert not ok
    assert message in error
    assert not cip_codes.objects.exists()


def test_cip_missing_and_unknown_columns(cip_codes, tmp_path):
    content = "CIP,CIPTitle\n11.0701,Computer Science.\n"
    ok, error = run("import_cip", write(tmp_path, "cip.csv", content))
    assert not ok
    assert "Unknown column: CIP." in error
    assert "Missing column: CIPCode" in error


# BLS OEWS --------------------------------------------------------------------------------


def test_oews_sample_sets_wages_and_creates_unknown_occupations():
    run("import_soc", DATA / "soc_2018_sample.csv")
    ok, output = run(
        "import_oews", DATA / "oews_sample.csv", "--area", "20500", "--period", "May 2024"
    )
    assert ok, output
    assert "1 created, 13 updated, 0 unchanged; 3 rows skipped" in output
    assert "1 occupation has no published median wage" in output
    nurse = Occupation.objects.get(soc_code="29-1141")
    assert nurse.median_wage == Decimal(86390)  # written "86,390" in the file
    assert nurse.source == "BLS OEWS, Durham-Chapel Hill, NC (demo figures)"
    assert nurse.period == "May 2024"
    programmer = Occupation.objects.get(soc_code="51-9162")  # not in the SOC sample
    assert programmer.title == "Computer Numerically Controlled Tool Programmers"
    assert programmer.median_wage is None  # "*": not published
    assert not Occupation.objects.filter(soc_code__in=["00-0000", "15-0000"]).exists()


def test_oews_reimport_updates_rather_than_duplicates():
    ok, output = run("import_oews", DATA / "oews_sample.csv", "--period", "May 2024")
    assert ok, output
    assert "14 created" in output
    ok, output = run("import_oews", DATA / "oews_sample.csv", "--period", "May 2024")
    assert ok, output
    assert "0 created, 0 updated, 14 unchanged" in output
    ok, output = run("import_oews", DATA / "oews_sample.csv", "--period", "May 2025")
    assert ok, output
    assert "0 created, 14 updated" in output
    assert Occupation.objects.count() == 14
    assert set(Occupation.objects.values_list("period", flat=True)) == {"May 2025"}


def test_oews_several_areas_need_area(tmp_path):
    raleigh = {"area": "39580", "area_title": "Raleigh-Cary, NC"}
    content = (
        OEWS_HEADER
        + oews_row("29-1141", "Registered Nurses", "86,390")
        + oews_row("29-1141", "Registered Nurses", "84,120", **raleigh)
        + oews_row("15-1252", "Software Developers", "#", **raleigh)
    )
    path = write(tmp_path, "MSA_M2024_dl.csv", content)
    ok, error = run("import_oews", path, "--period", "May 2024")
    assert not ok
    assert "has figures for 2 areas (20500 Durham-Chapel Hill, NC; 39580 Raleigh-Cary, NC" in error
    assert "--area" in error
    assert not Occupation.objects.exists()

    ok, output = run("import_oews", path, "--period", "May 2024", "--area", "0039580")
    assert ok, output
    nurse = Occupation.objects.get(soc_code="29-1141")
    assert (nurse.median_wage, nurse.source) == (Decimal(84120), "BLS OEWS, Raleigh-Cary, NC")
    assert Occupation.objects.get(soc_code="15-1252").median_wage is None  # "#": top-coded

    ok, error = run("import_oews", path, "--period", "May 2024", "--area", "12345")
    assert not ok
    assert "no detailed rows for the area 12345" in error


def test_oews_bad_values_name_row_and_column_and_save_nothing(tmp_path):
    content = (
        OEWS_HEADER
        + oews_row("29-1141", "Registered Nurses", "86,390")
        + oews_row("29-114", "Nurses", "50000")
        + oews_row("15-1252", "Software Developers", "lots")
    )
    ok, error = run("import_oews", write(tmp_path, "oews.csv", content), "--period", "May 2024")
    assert not ok
    assert "row 3, column OCC_CODE: “29-114” is not a SOC 2018 code (form 15-1252)." in error
    assert "row 4, column A_MEDIAN: “lots” is not an annual wage" in error
    assert not Occupation.objects.exists()


def test_oews_needs_a_period_and_its_columns(tmp_path):
    ok, error = run("import_oews", DATA / "oews_sample.csv")
    assert not ok and "--period" in error
    ok, error = run("import_oews", DATA / "oews_sample.csv", "--period", " ")
    assert not ok and "Give the period" in error
    content = "AREA,AREA_TITLE,OCC_CODE,OCC_TITLE,MEDIAN\n20500,Durham,29-1141,RN,86390\n"
    ok, error = run("import_oews", write(tmp_path, "oews.csv", content), "--period", "May 2024")
    assert not ok
    assert "Unknown column: MEDIAN." in error
    assert "Missing columns: O_GROUP, A_MEDIAN" in error
    assert not Occupation.objects.exists()


# The demo region's pathways --------------------------------------------------------------


def test_seed_pathways_is_idempotent_and_every_link_and_stack_is_acyclic():
    backbone = Organization.objects.create(
        name="Demo backbone", slug="backbone", sector_type=SectorType.BACKBONE
    )
    dps = Organization.objects.create(
        name="Durham Public Schools", slug="durham-public-schools", sector_type=SectorType.K12
    )
    today = date(2026, 1, 15)
    assert demo.seed_pathways(today, backbone, {"durham-public-schools": dps}) == 4

    def counts():
        return [
            m.objects.count()
            for m in (CareerCluster, Occupation, Program, Credential, Pathway, Step, StepLink)
        ] + [Credential.stacks_into.through.objects.count(), Organization.objects.count()]

    first = counts()
    assert demo.seed_pathways(today, backbone, {"durham-public-schools": dps}) == 0
    assert counts() == first
    assert first[0] == 14  # Advance CTE's career clusters

    for link in StepLink.objects.select_related("from_step__pathway", "to_step"):
        link.full_clean()  # no loops, both steps in one pathway
    for credential in Credential.objects.all():
        assert credential.pk not in credential.stacks_into_closure()
    assert Credential.objects.get(name="Nurse Aide I (CNA)").stacks_into_closure() >= {
        Credential.objects.get(name="Licensed Practical Nurse (LPN)").pk,
        Credential.objects.get(name="Registered Nurse (RN)").pk,
    }

    for pathway in Pathway.objects.prefetch_related("steps"):
        steps = list(pathway.steps.all())
        assert pathway.owner == backbone
        assert 6 <= len(steps) <= 10
        assert {s.stage for s in steps} == set(STAGE_ORDER)
        entries = {s.audience for s in steps if s.entry_point}
        assert entries & {Audience.YOUTH, Audience.BOTH}
        assert entries & {Audience.ADULT, Audience.BOTH}
        assert all(s.provider_id for s in steps)
        for step in steps:
            step.full_clean()
            if step.kind == StepKind.JOB:
                assert step.occupation_id
        assert StepLink.objects.filter(from_step__pathway=pathway).count() >= len(steps) - 1
        assert [v.number for v in pathway.versions.all()] == [1]  # the baseline version
    assert Step.objects.get(pathway__slug="biomanufacturing", occupation__soc_code="19-4021")
    # Real wages from BLS where published (demo/data); the demo's own figure where not.
    machinists = Occupation.objects.get(soc_code="51-4041")
    assert machinists.source == "BLS OEWS, Durham-Chapel Hill, NC"
    assert machinists.period == "May 2025" and machinists.wage_p10 < machinists.median_wage
    assert Occupation.objects.get(soc_code="29-1141").source == demo.DEMO_SOURCE
    assert Organization.objects.get(slug="durham-public-schools") == dps


def test_seed_pathways_keeps_imported_figures():
    run("import_oews", DATA / "oews_sample.csv", "--period", "May 2024")
    backbone = Organization.objects.create(
        name="Demo backbone", slug="backbone", sector_type=SectorType.BACKBONE
    )
    demo.seed_pathways(date(2026, 1, 15), backbone, {})
    nurse = Occupation.objects.get(soc_code="29-1141")
    assert nurse.source == "BLS OEWS, Durham-Chapel Hill, NC (demo figures)"
    assert nurse.sectors.filter(slug="healthcare").exists()


def test_oews_sets_the_wage_range_and_the_explorer_shows_it(client, world):
    from pathways.models import CareerCluster, Pathway, Sector

    ok, output = run(
        "import_oews", DATA / "oews_sample.csv", "--area", "20500", "--period", "May 2024"
    )
    assert ok, output
    nurse = Occupation.objects.get(soc_code="29-1141")
    assert (nurse.wage_p10, nurse.wage_p25, nurse.median_wage, nurse.wage_p75, nurse.wage_p90) == (
        53562,
        68248,
        86390,
        107124,
        131313,
    )
    pathway = Pathway.objects.create(
        slug="nursing",
        title="Nursing",
        sector=Sector.objects.create(slug="health", name="Health Care"),
        cluster=CareerCluster.objects.create(code="health", name="Health Science"),
        owner=world.backbone_org,
        public=True,
    )
    pathway.target_occupations.add(nurse)
    page = client.get(f"/explore/{pathway.slug}/").text
    assert "$68,248 to $107,124" in page and "under $53,562; over $131,313" in page
    assert "BLS OEWS, Durham-Chapel Hill, NC (demo figures), May 2024" in page
