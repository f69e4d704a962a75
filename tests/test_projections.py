"""Long-term occupational projections: the BLS Employment Projections layout (national, in
thousands) and a state's as Projections Central publishes it (persons), all or nothing, each
problem with its row and the column as the file names it."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pathways.models import Education, Occupation

pytestmark = pytest.mark.django_db

BLS_HEADER = (
    "2024 National Employment Matrix title,2024 National Employment Matrix code,Occupation type,"
    '"Employment, 2024","Employment, 2034","Employment distribution, percent, 2024",'
    '"Employment distribution, percent, 2034","Employment change, numeric, 2024–34",'
    '"Employment change, percent, 2024–34","Percent self employed, 2024",'
    '"Occupational openings, 2024–34 annual average","Median annual wage, dollars, 2024[1]",'
    "Typical education needed for entry,Work experience in a related occupation,"
    "Typical on-the-job training needed to attain competency in the occupation,"
    "Related Occupational Outlook Handbook (OOH) content xlsx\n"
)
BLS_TITLE = '"Table 1.2 Employment by detailed occupation, 2024 and projected 2034",,,\n'


def bls_row(title, code, kind, base, projected, change, percent, openings, education=""):
    cells = [
        title,
        code,
        kind,
        base,
        projected,
        "",
        "",
        change,
        percent,
        "",
        openings,
        "",
        education,
    ]
    cells += ["", "", ""]
    return ",".join(f'"{c}"' for c in cells) + "\n"


BLS_FILE = (
    BLS_TITLE
    + BLS_HEADER
    + bls_row("Total, all occupations", "00-0000", "Summary", "169,956.1", "175,167.9", "5,211.8", "3.1", "18,863.3")
    + bls_row("Registered nurses", "29-1141", "Line item", "3,391.0", "3,557.1", "166.1", "4.9", "189.1", "Bachelor's degree")
    + bls_row("Nursing assistants", "31-1131", "Line item", "1,401.5", "1,439.2", "37.7", "2.7", "207.2", "Postsecondary nondegree award")
    + bls_row("Home health and personal care aides", "31-1120", "Line item", "4,000.0", "4,700.0", "700.0", "17.5", "700.0")
    + bls_row("Patternmakers, wood", "51-7031", "Line item", "0.8", "0.8", "0.0", "-3.2", "0.0")
    + '"[1] Data are from the Occupational Employment and Wage Statistics program.",,,\n'
    + '"Source: Employment Projections program, U.S. Bureau of Labor Statistics",,,\n'
)  # fmt: skip
STATE_HEADER = (
    "State FIPS,Area Name,Occupation Code,Occupation Name,Base Year,Base,Projected Year,"
    "Projection,Change,Percent Change,Average Annual Openings\n"
)


def state_row(code, title, base, projected, change, percent, openings, *, fips="37", area="North Carolina", years=("2022", "2032")):  # fmt: skip
    cells = [
        fips,
        area,
        code,
        title,
        years[0],
        base,
        years[1],
        projected,
        change,
        percent,
        openings,
    ]
    return ",".join(f'"{c}"' for c in cells) + "\n"


def run(*args):
    out = StringIO()
    try:
        call_command("import_projections", *[str(a) for a in args], stdout=out, stderr=StringIO())
    except CommandError as error:
        return False, str(error)
    return True, out.getvalue()


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.fixture
def jobs():
    for code, title in (
        ("29-1141", "Registered Nurses"),
        ("31-1131", "Nursing Assistants"),
        ("51-7031", "Patternmakers, Wood"),
    ):
        Occupation.objects.create(soc_code=code, title=title)
    Occupation.objects.filter(soc_code="31-1131").update(entry_education=Education.HIGH_SCHOOL)


def figures(code):
    o = Occupation.objects.get(soc_code=code)
    return (o.employment_base, o.employment_projected, o.projected_growth, o.annual_openings)


def test_bls_projections_set_known_occupations_in_persons(jobs, tmp_path):
    ok, output = run(write(tmp_path, "occupation.csv", BLS_FILE))
    assert ok, output
    # The total, the two notes below the table and the aide group the app does not know.
    assert "3 updated, 0 unchanged; 4 rows skipped" in output
    assert "1 occupation is not in the app" in output
    assert figures("29-1141") == (3_391_000, 3_557_100, Decimal("4.9"), 189_100)
    assert figures("51-7031") == (800, 800, Decimal("-3.2"), 0)  # rounded to nothing, as published
    nurse = Occupation.objects.get(soc_code="29-1141")
    assert nurse.projection_source == "BLS Employment Projections, United States"
    assert nurse.projection_period == "2024–2034"
    assert nurse.entry_education == Education.BACHELOR  # was empty
    aide = Occupation.objects.get(soc_code="31-1131")
    assert aide.entry_education == Education.HIGH_SCHOOL  # the app's own is kept
    assert not Occupation.objects.filter(soc_code__in=["00-0000", "31-1120"]).exists()

    ok, output = run(write(tmp_path, "again.csv", BLS_FILE))
    assert ok and "0 updated, 3 unchanged" in output


def test_bls_headers_of_another_release_and_plain_hyphens_are_read(jobs, tmp_path):
    content = BLS_FILE.replace("2024", "2023").replace("2034", "2033").replace("–34", "-33")
    ok, output = run(write(tmp_path, "occupation.csv", content))
    assert ok, output
    assert Occupation.objects.get(soc_code="29-1141").projection_period == "2023–2033"


def test_state_projections_of_several_areas_need_an_area(jobs, tmp_path):
    content = (
        STATE_HEADER
        + state_row("00-0000", "Total, All Occupations", "5,000,000", "5,500,000", "500,000", "10.0", "600,000")
        + state_row("29-1141", "Registered Nurses", "104,630", "115,980", "11,350", "10.8", "7,010")
        + state_row("31-1131", "Nursing Assistants", "(NA)", "(NA)", "(NA)", "(NA)", "(NA)")
        + state_row("29-1141", "Registered Nurses", "30,000", "33,000", "3,000", "10.0", "2,000", fips="32", area="Nevada", years=("2024", "2034"))
    )  # fmt: skip
    path = write(tmp_path, "LongTermProjections.csv", content)
    ok, error = run(path)
    assert not ok
    assert "has projections for 2 areas (37 North Carolina; 32 Nevada" in error
    assert "--area" in error
    assert figures("29-1141") == (None, None, None, None)

    ok, output = run(path, "--area", "37")
    assert ok, output
    assert figures("29-1141") == (104_630, 115_980, Decimal("10.8"), 7_010)
    assert figures("31-1131") == (None, None, None, None)  # (NA): not published
    nurse = Occupation.objects.get(soc_code="29-1141")
    assert nurse.projection_source == "Long-term occupational projections, North Carolina"
    assert nurse.projection_period == "2022–2032"

    ok, output = run(path, "--area", "nevada")
    assert ok, output
    assert figures("29-1141")[0] == 30_000
    ok, error = run(path, "--area", "Utah")
    assert not ok and "no rows for the area Utah" in error


def test_state_projections_with_the_json_names(jobs, tmp_path):
    content = (
        "Area,Title,Base,Projected,Change,PercentChange,AvgAnnualOpenings,STFIPS,StateURL,"
        "OccCode,BaseYear,ProjYear\n"
        "North Carolina,Registered Nurses,104630,115980,11350,10.8,7010,37,https://example.org,"
        "29-1141,2022,2032\n"
    )
    ok, output = run(write(tmp_path, "nc.csv", content))
    assert ok, output
    assert figures("29-1141") == (104_630, 115_980, Decimal("10.8"), 7_010)


BAD_BLS = [
    (
        bls_row("Registered nurses", "29-1141", "Line item", "lots", "3,557.1", "166.1", "4.9", "189.1"),
        "row 2, column Employment, 2024: “lots” is not a number of jobs",
    ),
    (
        bls_row("Registered nurses", "29-1141", "Line item", "3,391.0", "3,557.1", "166.1", "4.9", "-2"),
        "row 2, column Occupational openings, 2024–34 annual average: “-2” is not a number of jobs",
    ),
    (
        bls_row("Registered nurses", "29-1141", "Line item", "3,000,000,000", "3,557.1", "166.1", "4.9", "189.1"),
        "row 2, column Employment, 2024: “3,000,000,000” is more jobs than any occupation has.",
    ),
    (
        bls_row("Registered nurses", "29-1141", "Line item", "3,391.0", "3,557.1", "166.1", "high", "189.1"),
        "row 2, column Employment change, percent, 2024–34: “high” is not a percentage",
    ),
    (
        bls_row("Registered nurses", "29-1141", "Line item", "3,391.0", "3,557.1", "many", "4.9", "189.1"),
        "row 2, column Employment change, numeric, 2024–34: “many” is not a number.",
    ),
    (
        bls_row("Registered nurses", "29-114", "Line item", "3,391.0", "3,557.1", "166.1", "4.9", "189.1"),
        "row 2, column 2024 National Employment Matrix code: “29-114” is not a SOC 2018 code",
    ),
    (
        bls_row("Registered nurses", "29-1141", "Detail", "3,391.0", "3,557.1", "166.1", "4.9", "189.1"),
        "row 2, column Occupation type: “Detail” is neither “Line item” nor “Summary”.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("bad_row", "message"), BAD_BLS)
def test_a_bad_bls_cell_is_named_and_nothing_is_imported(jobs, tmp_path, bad_row, message):
    good = bls_row("Nursing assistants", "31-1131", "Line item", "1,401.5", "1,439.2", "37.7", "2.7", "207.2")  # fmt: skip
    ok, error = run(write(tmp_path, "occupation.csv", BLS_HEADER + bad_row + good))
    assert not ok
    assert "Nothing was imported" in error
    assert message in error
    assert figures("31-1131") == (None, None, None, None)


def test_bad_files_import_nothing(jobs, tmp_path):
    nurse = state_row(
        "29-1141", "Registered Nurses", "104,630", "115,980", "11,350", "10.8", "7,010"
    )
    cases = {
        "twice.csv": (
            STATE_HEADER + nurse + nurse,
            "row 3, column Occupation Code: 29-1141 appears again (first at row 2).",
        ),
        "periods.csv": (
            STATE_HEADER
            + nurse
            + state_row("31-1131", "Nursing Assistants", "1", "2", "1", "1", "1", years=("2024", "2034")),
            "row 3, column Base Year: These projections run 2024–2034, the rows above 2022–2032",
        ),
        "year.csv": (
            STATE_HEADER + state_row("31-1131", "Aides", "1", "2", "1", "1", "1", years=("soon", "2032")),
            "row 2, column Base Year: “soon” is not a year.",
        ),
        "columns.csv": (
            "State FIPS,Area Name,Occupation Code,Occupation Name,Base,Openings\n37,NC,29-1141,RN,1,2\n",
            "Missing columns: Base Year, Projected Year, Projection, Percent Change, Average Annual Openings",
        ),
        "empty.csv": ("", "empty.csv is empty."),
        "occupation.xlsx": (b"PK\x03\x04 workbook", "is not a CSV file (it looks like an Excel workbook)"),
        "nothing.csv": (BLS_HEADER, "nothing.csv has no occupations' projections."),
    }  # fmt: skip
    for name, (content, message) in cases.items():
        ok, error = run(write(tmp_path, name, content))
        assert not ok, name
        assert message in error, (name, error)
    assert not Occupation.objects.exclude(projection_source="").exists()
    assert figures("29-1141") == (None, None, None, None)
