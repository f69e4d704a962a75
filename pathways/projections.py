"""Long-term occupational projections: employment in a base and a projected year, the growth
between them and the openings a year, from the files their publishers distribute, saved as CSV.

Two layouts are read, told apart by their header:

- **BLS Employment Projections** (national; ``occupation.xlsx``, sheet "Table 1.2", saved as
  CSV): ``2024 National Employment Matrix title``, ``2024 National Employment Matrix code``,
  ``Occupation type``, ``Employment, 2024``, ``Employment, 2034``, ``Employment distribution,
  percent, 2024`` and ``…, 2034``, ``Employment change, numeric, 2024–34``, ``Employment change,
  percent, 2024–34``, ``Percent self employed, 2024``, ``Occupational openings, 2024–34 annual
  average``, ``Median annual wage, dollars, 2024[1]``, ``Typical education needed for entry``,
  ``Work experience in a related occupation``, ``Typical on-the-job training needed to attain
  competency in the occupation``, ``Related Occupational Outlook Handbook (OOH) content``. The
  years are those of the release, read from the header; a footnote mark such as ``[1]`` and an
  ASCII hyphen for the en dash are fine. Employment, change and openings are in **thousands**
  (309.4 is 309,400 jobs). Only ``Line item`` rows (the matrix's own occupations, some with a
  broad code such as 31-1120) are read; ``Summary`` rows (totals and groups) and the notes below
  the table are skipped. The typical entry education fills an occupation's own where empty.
- **State long-term projections** as Projections Central and the states' labour-market offices
  publish them: ``State FIPS, Area Name, Occupation Code, Occupation Name, Base Year, Base,
  Projected Year, Projection, Change, Percent Change, Average Annual Openings`` (the names of its
  JSON, ``STFIPS, Area, OccCode, Title, BaseYear, Base, ProjYear, Projected, Change,
  PercentChange, AvgAnnualOpenings``, are read too). Figures are persons. A file of several areas
  needs ``area`` (a state FIPS code or an area name); the total row (00-0000) is skipped.

``—``, ``(NA)``, ``NA``, ``N/A``, ``*``, ``**``, ``-`` and empty cells are "not published" and
leave the figure empty. Percentages are as published (10.7 is 10.7 %), and are not checked
against the rounded employment figures. The projections set the figures of the occupations the
app knows (from the SOC list or wages); the other rows are counted as skipped. All or nothing,
like every reference import: if any row has a problem, nothing is saved and each problem is
reported with its row and the column as the file names it.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pathways.apps import bump_version
from pathways.models import Education, Occupation
from pathways.reference import Outcome
from pathways.reference_files import (
    HEADER_SEARCH_ROWS,
    Layout,
    Problem,
    ReferenceImportError,
    decode,
    first_seen,
    header_key,
    raise_if,
    read_table,
    soc_code_cell,
    unwrap,
)

NOT_PUBLISHED = {"", "—", "–", "-", "(na)", "na", "n/a", "*", "**"}
SOURCE_MAX = Occupation._meta.get_field("projection_source").max_length
TOTAL = "00-0000"
GROWTH_LIMIT = Decimal("99999.9")  # the widest growth the field keeps
COUNT_LIMIT = 2_147_483_647  # the largest number of jobs or openings the fields keep
FIELDS = [
    "employment_base",
    "employment_projected",
    "projected_growth",
    "annual_openings",
    "projection_source",
    "projection_period",
]

BLS = Layout(
    "BLS Employment Projections",
    (
        "National Employment Matrix title",
        "National Employment Matrix code",
        "Occupation type",
        "Employment, base year",
        "Employment, projected year",
        "Employment distribution, percent, base year",
        "Employment distribution, percent, projected year",
        "Employment change, numeric",
        "Employment change, percent",
        "Percent self employed",
        "Occupational openings, annual average",
        "Median annual wage, dollars",
        "Typical education needed for entry",
        "Work experience in a related occupation",
        "Typical on-the-job training needed to attain competency in the occupation",
        "Related Occupational Outlook Handbook (OOH) content",
    ),
    (
        "National Employment Matrix title",
        "National Employment Matrix code",
        "Occupation type",
        "Employment, base year",
        "Employment, projected year",
        "Employment change, percent",
        "Occupational openings, annual average",
    ),
)
# The BLS headers with their years taken out: (pattern, the layout's name).
BLS_HEADERS = [
    (r"^\d{4} national employment matrix title$", "National Employment Matrix title"),
    (r"^\d{4} national employment matrix code$", "National Employment Matrix code"),
    (r"^employment change, numeric, \d{4}-\d{2,4}$", "Employment change, numeric"),
    (r"^employment change, percent, \d{4}-\d{2,4}$", "Employment change, percent"),
    (r"^percent self employed, \d{4}$", "Percent self employed"),
    (
        r"^occupational openings, \d{4}-\d{2,4} annual average$",
        "Occupational openings, annual average",
    ),
    (r"^median annual wage, dollars, \d{4}$", "Median annual wage, dollars"),
    (
        r"^related occupational outlook handbook \(ooh\) content( xlsx)?$",
        "Related Occupational Outlook Handbook (OOH) content",
    ),
]
STATE = Layout(
    "State long-term projections",
    (
        "State FIPS",
        "Area Name",
        "Occupation Code",
        "Occupation Name",
        "Base Year",
        "Base",
        "Projected Year",
        "Projection",
        "Change",
        "Percent Change",
        "Average Annual Openings",
        "State URL",
    ),
    (
        "Area Name",
        "Occupation Code",
        "Occupation Name",
        "Base Year",
        "Base",
        "Projected Year",
        "Projection",
        "Percent Change",
        "Average Annual Openings",
    ),
)
STATE_ALIASES = {
    "stfips": "State FIPS",
    "area": "Area Name",
    "areaname": "Area Name",
    "occcode": "Occupation Code",
    "occupationcode": "Occupation Code",
    "title": "Occupation Name",
    "occupationname": "Occupation Name",
    "baseyear": "Base Year",
    "projyear": "Projected Year",
    "projected": "Projection",
    "proj": "Projection",
    "percentchange": "Percent Change",
    "avgannualopenings": "Average Annual Openings",
    "stateurl": "State URL",
}


def _plain(name: str) -> str:
    """A header cell without footnote marks or line breaks, with ASCII hyphens, casefolded."""
    name = re.sub(r"(\[\d+\])+\s*$", "", " ".join(name.split()))
    return name.replace("–", "-").replace("—", "-").casefold()


def _bls_years(records: list[list[str]]) -> tuple[int, int] | None:
    """The base and projected years of a BLS header ("Employment, 2024", "Employment, 2034")."""
    for record in records[:HEADER_SEARCH_ROWS]:
        cells = [_plain(cell) for cell in record]
        if any(re.match(BLS_HEADERS[1][0], cell) for cell in cells):
            years = sorted(
                int(m.group(1)) for cell in cells if (m := re.match(r"^employment, (\d{4})$", cell))
            )
            return (years[0], years[-1]) if len(years) == 2 else None
    return None


def _bls_rename(years: tuple[int, int] | None) -> Callable[[str], str]:
    def rename(cell: str) -> str:
        plain = _plain(cell)
        for pattern, name in BLS_HEADERS:
            if re.match(pattern, plain):
                return name
        for year, which in zip(years or (), ("base year", "projected year"), strict=False):
            if plain == f"employment, {year}":
                return f"Employment, {which}"
            if plain == f"employment distribution, percent, {year}":
                return f"Employment distribution, percent, {which}"
        return cell

    return rename


def _state_rename(cell: str) -> str:
    plain = _plain(cell)
    return STATE_ALIASES.get(plain.replace(" ", ""), cell)


@dataclass
class _Projection:
    row: int
    base: int | None
    projected: int | None
    growth: Decimal | None
    openings: int | None
    education: str = ""


def _number(raw: str) -> Decimal | None:
    """A published number (thousands separators allowed), None where not published; raises
    ValueError for anything else."""
    text = unwrap(raw).replace(",", "").replace("%", "").strip()
    if text.casefold() in NOT_PUBLISHED:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not value.is_finite():
        raise ValueError(raw)
    return value


class _Reader:
    """Reads the cells of one row, noting each bad one with its row and column."""

    def __init__(self, problems: list[Problem], thousands: bool):
        self.problems = problems
        self.scale = Decimal(1000) if thousands else Decimal(1)

    def _bad(self, number: int, column: str, message: str) -> None:
        self.problems.append(Problem(number, column, message))

    def count(self, number: int, row: dict, column: str) -> int | None:
        """A number of jobs or openings (not negative), in persons."""
        raw = row.get(column, "")
        try:
            value = _number(raw)
        except ValueError:
            value = Decimal(-1)
        if value is not None and value < 0:
            self._bad(
                number,
                column,
                _(
                    "“%(value)s” is not a number of jobs (such as 1,250, or — where none is "
                    "published)."
                )
                % {"value": raw.strip()},
            )
            return None
        if value is None:
            return None
        count = int((value * self.scale).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        if count > COUNT_LIMIT:
            self._bad(
                number,
                column,
                _("“%(value)s” is more jobs than any occupation has.") % {"value": raw.strip()},
            )
            return None
        return count

    def percent(self, number: int, row: dict, column: str) -> Decimal | None:
        raw = row.get(column, "")
        try:
            value = _number(raw)
        except ValueError:
            self._bad(
                number,
                column,
                _("“%(value)s” is not a percentage (such as 4.9 or -5.1).")
                % {"value": raw.strip()},
            )
            return None
        if value is None:
            return None
        value = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if abs(value) > GROWTH_LIMIT:
            self._bad(number, column, _("%(value)s%% is beyond any growth.") % {"value": value})
            return None
        return value

    def checked(self, number: int, row: dict, column: str) -> None:
        """A column read only to be checked (the change, which the percentage states)."""
        raw = row.get(column, "")
        try:
            _number(raw)
        except ValueError:
            self._bad(number, column, _("“%(value)s” is not a number.") % {"value": raw.strip()})


EDUCATION = {header_key(str(label)): value for value, label in Education.choices}


Read = tuple[
    dict[str, "_Projection"], str, str, int
]  # projections by SOC code, source, period, skipped


def _read_bls(text: str) -> Read:
    records = list(csv.reader(io.StringIO(text, newline="")))
    years = _bls_years(records)
    rename = _bls_rename(years)
    table = read_table(text, BLS, rename)
    problems: list[Problem] = []
    if years is None:
        problems.append(
            Problem(
                table.header_row,
                "Employment",
                _(
                    "The header names no base and projected year (“Employment, 2024” and "
                    "“Employment, 2034”)."
                ),
            )
        )
    reader = _Reader(problems, thousands=True)
    found: dict[str, _Projection] = {}
    seen: dict[str, int] = {}
    skipped = 0
    for number, row in table.rows:
        kind = header_key(row["Occupation type"])
        if kind == "summary" or (not kind and not row["National Employment Matrix code"].strip()):
            skipped += 1  # totals, groups, and the notes below the table
            continue
        if kind != "line item":
            problems.append(
                Problem(
                    number,
                    "Occupation type",
                    _("“%(value)s” is neither “Line item” nor “Summary”.")
                    % {"value": row["Occupation type"].strip()},
                )
            )
            continue
        code = soc_code_cell(
            number,
            "National Employment Matrix code",
            row["National Employment Matrix code"],
            problems,
        )
        projection = _Projection(
            number,
            reader.count(number, row, "Employment, base year"),
            reader.count(number, row, "Employment, projected year"),
            reader.percent(number, row, "Employment change, percent"),
            reader.count(number, row, "Occupational openings, annual average"),
            EDUCATION.get(header_key(row.get("Typical education needed for entry", "")), ""),
        )
        if "Employment change, numeric" in table.columns:
            reader.checked(number, row, "Employment change, numeric")
        if code is not None and first_seen(
            number, "National Employment Matrix code", code, seen, problems
        ):
            found[code] = projection
    original = _original_names(records, table.header_row, rename, BLS)
    raise_if(_named_as_in_file(problems, original))
    period = f"{years[0]}–{years[1]}" if years else ""
    return found, _("BLS Employment Projections, United States"), period, skipped


def _read_state(text: str, name: str, area: str | None) -> Read:
    records = list(csv.reader(io.StringIO(text, newline="")))
    table = read_table(text, STATE, _state_rename)
    original = _original_names(records, table.header_row, _state_rename, STATE)
    problems: list[Problem] = []
    reader = _Reader(problems, thousands=False)
    wanted = header_key(area) if area else None
    areas: dict[str, str] = {}  # key → area name, in the order met
    found: dict[str, dict[str, _Projection]] = {}
    years: dict[str, dict[tuple[str, str], int]] = {}
    seen: dict[str, dict[str, int]] = {}
    skipped = 0
    for number, row in table.rows:
        area_name = " ".join(row["Area Name"].split())
        fips = unwrap(row.get("State FIPS", "")).lstrip("0") or (
            "0" if row.get("State FIPS") else ""
        )
        key = fips or header_key(area_name)
        if wanted is not None and not (
            wanted == header_key(area_name) or (fips and wanted.lstrip("0") == fips)
        ):
            skipped += 1
            continue
        areas.setdefault(key, area_name)
        code = unwrap(row["Occupation Code"])
        if code == TOTAL:
            skipped += 1
            continue
        code = soc_code_cell(number, "Occupation Code", row["Occupation Code"], problems)
        base_year, projected_year = row["Base Year"].strip(), row["Projected Year"].strip()
        for column, value in (("Base Year", base_year), ("Projected Year", projected_year)):
            if not re.fullmatch(r"\d{4}", value):
                problems.append(
                    Problem(number, column, _("“%(value)s” is not a year.") % {"value": value})
                )
        years.setdefault(key, {}).setdefault((base_year, projected_year), number)
        projection = _Projection(
            number,
            reader.count(number, row, "Base"),
            reader.count(number, row, "Projection"),
            reader.percent(number, row, "Percent Change"),
            reader.count(number, row, "Average Annual Openings"),
        )
        if "Change" in table.columns:
            reader.checked(number, row, "Change")
        if code is not None and first_seen(
            number, "Occupation Code", code, seen.setdefault(key, {}), problems
        ):
            found.setdefault(key, {})[code] = projection
    if wanted is not None and not areas:
        problems.append(
            Problem(
                0,
                "",
                _("%(name)s has no rows for the area %(area)s.") % {"name": name, "area": area},
            )
        )
    if wanted is None and len(areas) > 1:
        listed = "; ".join(f"{k} {v}" for k, v in list(areas.items())[:3])
        problems.append(
            Problem(
                0,
                "",
                _(
                    "%(name)s has projections for %(n)s areas (%(areas)s …): choose one with "
                    "--area, e.g. --area %(example)s."
                )
                % {"name": name, "n": len(areas), "areas": listed, "example": next(iter(areas))},
            )
        )
    for periods in years.values():
        if len(periods) > 1:
            (first, _row), (other, row) = list(periods.items())[:2]
            problems.append(
                Problem(
                    row,
                    "Base Year",
                    _(
                        "These projections run %(other)s, the rows above %(first)s: a file holds "
                        "one period."
                    )
                    % {"other": "–".join(other), "first": "–".join(first)},
                )
            )
    raise_if(_named_as_in_file(problems, original))
    if not areas:
        raise ReferenceImportError(
            [Problem(0, "", _("%(name)s has no projections.") % {"name": name})]
        )
    key, area_name = next(iter(areas.items()))
    base_year, projected_year = next(iter(years.get(key, {("", "")})))
    source = _("Long-term occupational projections, %(area)s") % {"area": area_name}
    return found.get(key, {}), source, f"{base_year}–{projected_year}", skipped


def _original_names(records, header_row: int, rename, layout: Layout) -> dict[str, str]:
    """The layout's name of each column → the name the file gives it."""
    header = records[header_row - 1] if 0 < header_row <= len(records) else []
    return {
        rename(cell): " ".join(cell.split()) for cell in header if rename(cell) in layout.columns
    }


def _named_as_in_file(problems: list[Problem], original: dict[str, str]) -> list[Problem]:
    return [Problem(p.row, original.get(p.column, p.column), p.message) for p in problems]


def import_projections(data: bytes, name: str, *, area: str | None = None) -> Outcome:
    text = decode(data, name)
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS]).casefold()
    if "national employment matrix" in head:
        found, source, period, skipped = _read_bls(text)
    else:
        found, source, period, skipped = _read_state(text, name, area)
    if not found:
        raise ReferenceImportError(
            [Problem(0, "", _("%(name)s has no occupations' projections.") % {"name": name})]
        )
    outcome = Outcome(skipped=skipped)
    source = source[:SOURCE_MAX]
    with transaction.atomic():
        known = {o.soc_code: o for o in Occupation.objects.filter(soc_code__in=found)}
        changed = []
        for code, projection in found.items():
            occupation = known.get(code)
            if occupation is None:
                outcome.skipped += 1
                continue
            figures = {
                "employment_base": projection.base,
                "employment_projected": projection.projected,
                "projected_growth": projection.growth,
                "annual_openings": projection.openings,
                "projection_source": source,
                "projection_period": period,
            }
            if projection.education and not occupation.entry_education:
                figures["entry_education"] = projection.education
            if any(getattr(occupation, f) != v for f, v in figures.items()):
                for f, v in figures.items():
                    setattr(occupation, f, v)
                changed.append(occupation)
            else:
                outcome.unchanged += 1
        Occupation.objects.bulk_update(changed, [*FIELDS, "entry_education"], batch_size=1000)
        bump_version()
    outcome.updated = len(changed)
    unknown = sum(1 for code in found if code not in known)
    if unknown:
        outcome.notes.append(
            ngettext(
                "%(n)s occupation is not in the app (import it from the SOC list first)",
                "%(n)s occupations are not in the app (import them from the SOC list first)",
                unknown,
            )
            % {"n": unknown}
        )
    return outcome
