"""Reading a reference file: the CSV layouts the importers expect, decoding (UTF-8, with or
without a byte-order mark; spreadsheets refused), finding the header below title lines, and
the problems found, each with its row and column. The importers are in pathways/reference.py."""

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

SOC_FORM = re.compile(r"^\d{2}-\d{4}$")


TITLE_MAX = 200


HEADER_SEARCH_ROWS = 20


WORKBOOK = gettext_lazy("an Excel workbook")


NOT_CSV_SUFFIXES = {
    ".xlsx": WORKBOOK,
    ".xlsm": WORKBOOK,
    ".xls": WORKBOOK,
    ".ods": gettext_lazy("an OpenDocument spreadsheet"),
    ".zip": gettext_lazy("a zip archive"),
    ".pdf": gettext_lazy("a PDF document"),
    ".json": gettext_lazy("a JSON file"),
    ".xml": gettext_lazy("an XML file"),
}


NOT_CSV_MAGIC = [
    (b"PK\x03\x04", gettext_lazy("an Excel workbook or a zip archive")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("an Excel 97–2003 workbook")),
    (b"%PDF", gettext_lazy("a PDF document")),
]


@dataclass(frozen=True)
class Problem:
    row: int  # 0 for the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        if self.row and self.column:
            return _("row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row:
            return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


class ReferenceImportError(Exception):
    """The file was refused; nothing was saved."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems[:3]))
        self.problems = problems


@dataclass(frozen=True)
class Layout:
    name: str
    columns: tuple[str, ...]  # every column of the published layout, in its order
    required: tuple[str, ...]


def header_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def unwrap(cell: str) -> str:
    """``="01.0101"`` (Excel's way of keeping leading zeros) → ``01.0101``; trims spaces."""
    cell = cell.strip()
    if cell.startswith('="') and cell.endswith('"') and len(cell) >= 3:
        cell = cell[2:-1].strip()
    return cell


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def decode(data: bytes, name: str) -> str:
    """The file's text, or a ReferenceImportError saying why it is not a CSV file."""
    kind = NOT_CSV_SUFFIXES.get(PurePath(name).suffix.lower())
    if kind is None:
        kind = next((k for magic, k in NOT_CSV_MAGIC if data.startswith(magic)), None)
    if kind is None and b"\x00" in data[:4096]:
        kind = gettext_lazy("a binary or UTF-16 file")
    if kind is not None:
        raise ReferenceImportError(
            [
                Problem(
                    0,
                    "",
                    _(
                        "%(name)s is not a CSV file (it looks like %(kind)s). Only CSV files "
                        "are imported: open it in a spreadsheet and save it as “CSV UTF-8 "
                        "(comma delimited)”, then import that file."
                    )
                    % {"name": name, "kind": kind},
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReferenceImportError(
            [
                Problem(
                    0,
                    "",
                    _(
                        "%(name)s is not UTF-8 text (byte %(at)s). Save it as “CSV UTF-8 "
                        "(comma delimited)”."
                    )
                    % {"name": name, "at": error.start},
                )
            ]
        ) from None
    if not text.strip():
        raise ReferenceImportError([Problem(0, "", _("%(name)s is empty.") % {"name": name})])
    return text


@dataclass
class Table:
    header_row: int
    columns: set[str]  # the layout's columns that the file has
    rows: list[tuple[int, dict[str, str]]]  # (row number, column → cell), blank rows left out


def read_table(text: str, layout: Layout, rename: Callable[[str], str] | None = None) -> Table:
    """Find the header, check its columns against the layout and read the rows.

    ``rename`` gives a header cell the layout's name for it, for layouts whose headers carry
    years or footnote marks ("Employment, 2024"). Raises ReferenceImportError for unknown,
    missing or repeated columns."""
    rename = rename or (lambda name: name)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ReferenceImportError(
            [Problem(0, "", _("The file cannot be read as CSV: %(error)s") % {"error": error})]
        ) from None
    known = {header_key(c): c for c in layout.columns}
    header_index = next(
        (
            i
            for i, record in enumerate(records[:HEADER_SEARCH_ROWS])
            if any(header_key(rename(cell)) in known for cell in record)
        ),
        None,
    )
    if header_index is None:  # no known column anywhere: take the first non-blank line
        header_index = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), 0)
    header = records[header_index] if records else []
    header_row = header_index + 1

    problems: list[Problem] = []
    columns: list[str | None] = []  # the layout's name for each position, None if unnamed
    unknown, seen = [], set()
    for cell in header:
        name = cell.strip()
        if not name:
            columns.append(None)
            continue
        canonical = known.get(header_key(rename(name)))
        if canonical is None:
            unknown.append(name)
            columns.append(None)
        elif canonical in seen:
            problems.append(
                Problem(
                    header_row,
                    canonical,
                    _("The column %(name)s appears twice.") % {"name": canonical},
                )
            )
            columns.append(None)
        else:
            seen.add(canonical)
            columns.append(canonical)
    missing = [c for c in layout.required if c not in seen]
    expected = ", ".join(layout.columns)
    if unknown:
        problems.append(
            Problem(
                header_row,
                ", ".join(unknown),
                ngettext(
                    "Unknown column: %(names)s. A %(layout)s file has the columns %(expected)s.",
                    "Unknown columns: %(names)s. A %(layout)s file has the columns %(expected)s.",
                    len(unknown),
                )
                % {"names": ", ".join(unknown), "layout": layout.name, "expected": expected},
            )
        )
    if missing:
        problems.append(
            Problem(
                header_row,
                ", ".join(missing),
                ngettext(
                    "Missing column: %(names)s (a %(layout)s file needs %(required)s).",
                    "Missing columns: %(names)s (a %(layout)s file needs %(required)s).",
                    len(missing),
                )
                % {
                    "names": ", ".join(missing),
                    "layout": layout.name,
                    "required": ", ".join(layout.required),
                },
            )
        )
    if problems:
        raise ReferenceImportError(problems)

    rows = []
    for number, record in enumerate(records[header_index + 1 :], start=header_row + 1):
        if not any(cell.strip() for cell in record):
            continue
        row = dict.fromkeys(seen, "")
        for position, cell in enumerate(record):
            name = columns[position] if position < len(columns) else None
            if name is not None:
                row[name] = cell
            elif cell.strip():  # a column without a name, or past the header's last
                problems.append(
                    Problem(
                        number,
                        _column_letter(position),
                        _("This column has no name in the header, but this row has a value."),
                    )
                )
        rows.append((number, row))
    if problems:
        raise ReferenceImportError(problems)
    return Table(header_row, seen, rows)


def title_cell(number: int, column: str, raw: str, problems: list[Problem]) -> str:
    title = " ".join(raw.split())
    if not title:
        problems.append(Problem(number, column, _("The title is empty.")))
    elif len(title) > TITLE_MAX:
        problems.append(
            Problem(
                number,
                column,
                _("The title is longer than %(max)s characters.") % {"max": TITLE_MAX},
            )
        )
    return title


def soc_code_cell(number: int, column: str, raw: str, problems: list[Problem]) -> str | None:
    code = unwrap(raw)
    if SOC_FORM.match(code):
        return code
    problems.append(
        Problem(
            number,
            column,
            _("“%(code)s” is not a SOC 2018 code (form 15-1252).") % {"code": code}
            if code
            else _("The SOC code is empty."),
        )
    )
    return None


def first_seen(
    number: int, column: str, code: str, seen: dict[str, int], problems: list[Problem]
) -> bool:
    if code in seen:
        problems.append(
            Problem(
                number,
                column,
                _("%(code)s appears again (first at row %(first)s).")
                % {"code": code, "first": seen[code]},
            )
        )
        return False
    seen[code] = number
    return True


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ReferenceImportError(sorted(problems, key=lambda p: p.row))


def describe(problems: Iterable[Problem], limit: int = 50) -> list[str]:
    """The problems as lines of text, at most ``limit`` of them."""
    problems = list(problems)
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(
            ngettext(
                "… and %(n)s more problem.", "… and %(n)s more problems.", len(problems) - limit
            )
            % {"n": len(problems) - limit}
        )
    return lines
