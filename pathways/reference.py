"""Reference data from the files their publishers distribute, saved as CSV.

- **SOC 2018** (BLS, ``soc_2018_definitions``): columns ``SOC Group, SOC Code, SOC Title,
  SOC Definition``. Only detailed occupations (``SOC Group`` = Detailed; without that column,
  codes that do not end in 0) become occupations; major, minor and broad groups are skipped.
  Creates or renames occupations and never touches their figures.
- **CIP 2020** (NCES, ``CIPCode2020.csv``): columns ``CIPFamily, CIPCode, Action,
  TextChange, CIPTitle, CIPDefinition, CrossReferences, Examples``; codes written the Excel
  way (``="01.0101"``) are unwrapped. Six-digit codes are kept; two- and four-digit rows
  (families and series) and the 2010 codes the file lists as moved or deleted are skipped.
- **BLS OEWS** (``all_data_M_2024``, ``MSA_M2024_dl`` …): columns ``AREA, AREA_TITLE,
  AREA_TYPE, PRIM_STATE, NAICS, NAICS_TITLE, I_GROUP, OWN_CODE, OCC_CODE, OCC_TITLE, O_GROUP,
  TOT_EMP, …, A_MEDIAN, …, ANNUAL, HOURLY``. Detailed, cross-industry rows of one area set each
  occupation's median annual wage (``A_MEDIAN``), its source and its period; an unknown SOC
  code becomes a new occupation titled from ``OCC_TITLE``. ``*``, ``**``, ``#`` and ``~`` (not
  published, or top-coded) leave the wage empty. Numbers may carry thousands separators.

Every import is all or nothing: the whole file is read and every row checked first; if any row
has a problem, nothing is saved and each problem is reported with its row and column. Row
numbers are those a spreadsheet shows (the first line is row 1). Lines before the header (the
title lines BLS puts above its tables) are skipped. Files are UTF-8, with or without a
byte-order mark; spreadsheets (.xlsx, .xls) are refused with a request to save them as CSV.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pathways.apps import bump_version
from pathways.models import CipCode, Occupation
from pathways.reference_files import (
    Layout,
    Problem,
    ReferenceImportError,
    decode,
    first_seen,
    header_key,
    raise_if,
    read_table,
    soc_code_cell,
    title_cell,
    unwrap,
)

CIP_FORM = re.compile(r"^\d{2}\.\d{4}$")
SOURCE_MAX = Occupation._meta.get_field("source").max_length
PERIOD_MAX = Occupation._meta.get_field("period").max_length
# OEWS marks: * wage not available, ** employment not available, # wage at or above the
# top of the published range, ~ share of establishments below 0.5%.
NOT_PUBLISHED = {"", "*", "**", "#", "~", "-"}


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows of the file that are not imported (groups, other areas …)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.skipped:
            text += ngettext("; %(n)s row skipped", "; %(n)s rows skipped", self.skipped) % {
                "n": self.skipped
            }
        return ". ".join([text, *self.notes]) + "."


SOC_LAYOUT = Layout(
    "SOC 2018",
    ("SOC Group", "SOC Code", "SOC Title", "SOC Definition"),
    ("SOC Code", "SOC Title"),
)
CIP_LAYOUT = Layout(
    "CIP 2020",
    (
        "CIPFamily",
        "CIPCode",
        "Action",
        "TextChange",
        "CIPTitle",
        "CIPDefinition",
        "CrossReferences",
        "Examples",
    ),
    ("CIPCode", "CIPTitle"),
)
OEWS_LAYOUT = Layout(
    "BLS OEWS",
    (
        "AREA",
        "AREA_TITLE",
        "AREA_TYPE",
        "PRIM_STATE",
        "NAICS",
        "NAICS_TITLE",
        "I_GROUP",
        "OWN_CODE",
        "OCC_CODE",
        "OCC_TITLE",
        "O_GROUP",
        "TOT_EMP",
        "EMP_PRSE",
        "JOBS_1000",
        "LOC_QUOTIENT",
        "PCT_TOTAL",
        "PCT_RPT",
        "H_MEAN",
        "A_MEAN",
        "MEAN_PRSE",
        "H_PCT10",
        "H_PCT25",
        "H_MEDIAN",
        "H_PCT75",
        "H_PCT90",
        "A_PCT10",
        "A_PCT25",
        "A_MEDIAN",
        "A_PCT75",
        "A_PCT90",
        "ANNUAL",
        "HOURLY",
    ),
    ("AREA", "AREA_TITLE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "A_MEDIAN"),
)


# Reading ---------------------------------------------------------------------------------


# SOC 2018 --------------------------------------------------------------------------------

SOC_GROUPS = {"major", "minor", "broad", "detailed"}


def import_soc(data: bytes, name: str) -> Outcome:
    table = read_table(decode(data, name), SOC_LAYOUT)
    problems: list[Problem] = []
    titles: dict[str, str] = {}
    seen: dict[str, int] = {}
    outcome = Outcome()
    has_group = "SOC Group" in table.columns
    for number, row in table.rows:
        if has_group:
            group = header_key(row["SOC Group"])
            if group not in SOC_GROUPS:
                problems.append(
                    Problem(
                        number,
                        "SOC Group",
                        _("“%(group)s” is not a SOC group (Major, Minor, Broad or Detailed).")
                        % {"group": row["SOC Group"].strip()},
                    )
                )
                continue
            if group != "detailed":
                outcome.skipped += 1
                continue
        code = soc_code_cell(number, "SOC Code", row["SOC Code"], problems)
        title = title_cell(number, "SOC Title", row["SOC Title"], problems)
        if code is None:
            continue
        if not has_group and code.endswith("0"):
            outcome.skipped += 1  # a major, minor or broad group
            continue
        if first_seen(number, "SOC Code", code, seen, problems):
            titles[code] = title
    raise_if(problems)
    if not titles:
        raise ReferenceImportError(
            [Problem(0, "", _("%(name)s has no detailed occupations.") % {"name": name})]
        )

    with transaction.atomic():
        existing = {o.soc_code: o for o in Occupation.objects.filter(soc_code__in=titles)}
        new, changed = [], []
        for code, title in titles.items():
            occupation = existing.get(code)
            if occupation is None:
                new.append(Occupation(soc_code=code, title=title))
            elif occupation.title != title:
                occupation.title = title
                changed.append(occupation)
            else:
                outcome.unchanged += 1
        Occupation.objects.bulk_create(new, batch_size=1000)
        Occupation.objects.bulk_update(changed, ["title"], batch_size=1000)
        bump_version()
    outcome.created, outcome.updated = len(new), len(changed)
    return outcome


# CIP 2020 --------------------------------------------------------------------------------

CIP_CURRENT_ACTIONS = {"", "no substantive changes", "new", "moved to"}
CIP_RETIRED_ACTIONS = {"moved from", "deleted"}
CIP_GROUP_FORM = re.compile(r"^\d{2}(\.\d{2})?$")  # a family (01) or a series (01.01)


def _cip_code(raw: str) -> str:
    code = unwrap(raw)
    if re.match(r"^\d\.\d{4}$", code):  # a spreadsheet dropped the leading zero
        code = "0" + code
    return code


def import_cip(data: bytes, name: str) -> Outcome:
    table = read_table(decode(data, name), CIP_LAYOUT)
    problems: list[Problem] = []
    entries: dict[str, tuple[str, str]] = {}
    seen: dict[str, int] = {}
    outcome = Outcome()
    for number, row in table.rows:
        action = header_key(row.get("Action", ""))
        if action not in CIP_CURRENT_ACTIONS | CIP_RETIRED_ACTIONS:
            problems.append(
                Problem(
                    number,
                    "Action",
                    _(
                        "“%(action)s” is not a CIP 2020 action (No substantive changes, New, "
                        "Moved to, Moved from or Deleted)."
                    )
                    % {"action": row["Action"].strip()},
                )
            )
            continue
        code = _cip_code(row["CIPCode"])
        if CIP_GROUP_FORM.match(code) or action in CIP_RETIRED_ACTIONS:
            outcome.skipped += 1
            continue
        if not CIP_FORM.match(code):
            problems.append(
                Problem(
                    number,
                    "CIPCode",
                    _("“%(code)s” is not a CIP 2020 code (form 51.3801).") % {"code": code}
                    if code
                    else _("The CIP code is empty."),
                )
            )
            continue
        title = title_cell(number, "CIPTitle", row["CIPTitle"], problems)
        if title.endswith(".") and not title.endswith(".."):
            title = title[:-1]  # NCES ends every title with a full stop
        if first_seen(number, "CIPCode", code, seen, problems):
            entries[code] = (title, row.get("CIPDefinition", "").strip())
    raise_if(problems)
    if not entries:
        raise ReferenceImportError(
            [Problem(0, "", _("%(name)s has no six-digit CIP codes.") % {"name": name})]
        )

    with transaction.atomic():
        existing = {c.code: c for c in CipCode.objects.filter(code__in=entries)}
        new, changed = [], []
        for code, (title, definition) in entries.items():
            cip = existing.get(code)
            if cip is None:
                new.append(CipCode(code=code, title=title, definition=definition))
            elif (cip.title, cip.definition) != (title, definition):
                cip.title, cip.definition = title, definition
                changed.append(cip)
            else:
                outcome.unchanged += 1
        CipCode.objects.bulk_create(new, batch_size=1000)
        CipCode.objects.bulk_update(changed, ["title", "definition"], batch_size=1000)
        bump_version()
    outcome.created, outcome.updated = len(new), len(changed)
    return outcome


# BLS OEWS --------------------------------------------------------------------------------


def _area_key(area: str) -> str:
    return unwrap(area).lstrip("0") or "0"


def parse_wage(raw: str) -> Decimal | None:
    """An annual wage as OEWS writes it: 52,140 or 52140; None where it is not published.
    Raises ValueError for anything else."""
    text = unwrap(raw).replace(",", "").replace("$", "").strip()
    if text in NOT_PUBLISHED:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not value.is_finite() or value < 0:
        raise ValueError(raw)
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


# The annual wage columns of an OEWS file, and the Occupation field each one fills.
WAGE_COLUMNS = {
    "A_PCT10": "wage_p10",
    "A_PCT25": "wage_p25",
    "A_MEDIAN": "median_wage",
    "A_PCT75": "wage_p75",
    "A_PCT90": "wage_p90",
}


@dataclass
class _Wage:
    row: int
    title: str
    wages: dict[str, Decimal | None]  # Occupation field → annual wage

    @property
    def median(self) -> Decimal | None:
        return self.wages["median_wage"]


def _check_period(period: str) -> str:
    period = " ".join(period.split())
    if not period:
        raise ReferenceImportError(
            [Problem(0, "", _("Give the period of the figures, e.g. “May 2024”."))]
        )
    if len(period) > PERIOD_MAX:
        raise ReferenceImportError(
            [
                Problem(
                    0,
                    "",
                    _("The period is longer than %(max)s characters.") % {"max": PERIOD_MAX},
                )
            ]
        )
    return period


def import_oews(data: bytes, name: str, *, period: str, area: str | None = None) -> Outcome:
    period = _check_period(period)
    table = read_table(decode(data, name), OEWS_LAYOUT)
    wanted = _area_key(area) if area else None
    problems: list[Problem] = []
    outcome = Outcome()
    areas: dict[str, str] = {}  # area code → its title, in the order met
    wages: dict[str, dict[str, _Wage]] = {}  # area code → SOC code → wage
    seen: dict[str, dict[str, int]] = {}
    for number, row in table.rows:
        if header_key(row["O_GROUP"]) != "detailed":
            outcome.skipped += 1
            continue
        if header_key(row.get("I_GROUP", "")) not in ("", "cross-industry"):
            outcome.skipped += 1  # national figures for one industry
            continue
        code_of_area = _area_key(row["AREA"])
        if wanted is not None and code_of_area != wanted:
            outcome.skipped += 1
            continue
        area_title = " ".join(row["AREA_TITLE"].split())
        if not area_title:
            problems.append(Problem(number, "AREA_TITLE", _("The area title is empty.")))
        areas.setdefault(code_of_area, area_title)
        code = soc_code_cell(number, "OCC_CODE", row["OCC_CODE"], problems)
        title = title_cell(number, "OCC_TITLE", row["OCC_TITLE"], problems)
        read, bad = {}, False
        for column, field_name in WAGE_COLUMNS.items():
            try:
                read[field_name] = parse_wage(row[column])
            except ValueError:
                bad = True
                problems.append(
                    Problem(
                        number,
                        column,
                        _(
                            "“%(value)s” is not an annual wage (a number such as 52,140, or *, "
                            "# or ** where BLS does not publish one)."
                        )
                        % {"value": row[column].strip()},
                    )
                )
        if bad:
            continue
        if code is not None and first_seen(
            number, "OCC_CODE", code, seen.setdefault(code_of_area, {}), problems
        ):
            wages.setdefault(code_of_area, {})[code] = _Wage(number, title, read)
    if wanted is not None and not areas:
        problems.append(
            Problem(
                0,
                "",
                _("%(name)s has no detailed rows for the area %(area)s.")
                % {"name": name, "area": area},
            )
        )
    if wanted is None and len(areas) > 1:
        listed = "; ".join(f"{code} {title}" for code, title in list(areas.items())[:3])
        problems.append(
            Problem(
                0,
                "",
                _(
                    "%(name)s has figures for %(n)s areas (%(areas)s …): choose one with "
                    "--area, e.g. --area %(example)s."
                )
                % {"name": name, "n": len(areas), "areas": listed, "example": next(iter(areas))},
            )
        )
    raise_if(problems)
    if not wages:
        raise ReferenceImportError(
            [Problem(0, "", _("%(name)s has no detailed occupations.") % {"name": name})]
        )
    area_code, area_title = next(iter(areas.items()))
    by_code = wages[area_code]
    source = (_("BLS OEWS, %(area)s") % {"area": area_title})[:SOURCE_MAX]

    with transaction.atomic():
        existing = {o.soc_code: o for o in Occupation.objects.filter(soc_code__in=by_code)}
        new, changed = [], []
        for code, wage in by_code.items():
            occupation = existing.get(code)
            figures = {**wage.wages, "source": source, "period": period}
            if occupation is None:
                new.append(Occupation(soc_code=code, title=wage.title, **figures))
            elif any(getattr(occupation, name) != value for name, value in figures.items()):
                for name, value in figures.items():
                    setattr(occupation, name, value)
                changed.append(occupation)
            else:
                outcome.unchanged += 1
        Occupation.objects.bulk_create(new, batch_size=1000)
        Occupation.objects.bulk_update(
            changed, [*WAGE_COLUMNS.values(), "source", "period"], batch_size=1000
        )
        bump_version()
    outcome.created, outcome.updated = len(new), len(changed)
    unpublished = sum(wage.median is None for wage in by_code.values())
    if unpublished:
        outcome.notes.append(
            ngettext(
                "%(n)s occupation has no published median wage",
                "%(n)s occupations have no published median wage",
                unpublished,
            )
            % {"n": unpublished}
        )
    return outcome
