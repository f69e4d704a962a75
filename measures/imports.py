"""CSV import of values: all or nothing, every problem reported with its row and column.

Layout, one row per value, UTF-8 with or without a byte-order mark:

    indicator,organization,period,dimension,category,numerator,denominator,value,note

``indicator`` is the indicator's code, ``organization`` the organization's short name
(slug), ``period`` a key such as 2025, 2025-Q3, 2025-07, SY2024-25, FFY2025 or PY2024.
``dimension`` and ``category`` are blank for the total. A count or an amount goes in
``value``; a share gives ``numerator`` and ``denominator`` (``value`` may be blank, and is
checked if given); an average gives ``value`` and the number of people in ``denominator``.
Row numbers are those a spreadsheet shows: the header is row 1.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.middleware import CONTROL
from measures import actions, figures
from measures.models import Category, Indicator, Submission
from measures.periods import Period, parse_period
from partners.models import Membership, Organization, Role, User
from partners.roles import Roles

COLUMNS = [
    "indicator",
    "organization",
    "period",
    "dimension",
    "category",
    "numerator",
    "denominator",
    "value",
    "note",
]
VALUE_TOLERANCE = Decimal("0.05")
PROGRESS_EVERY = 2000


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Result:
    rows: int = 0
    values_changed: int = 0
    submissions: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportError_(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportError_(
            [
                Problem(
                    0,
                    "",
                    _("The file is not UTF-8 text (byte %(at)s). Save it as CSV UTF-8.")
                    % {"at": error.start},
                )
            ]
        ) from None
    control = CONTROL.search(text)
    if control:
        row = text.count("\n", 0, control.start()) + 1
        raise ImportError_(
            [
                Problem(
                    row,
                    "",
                    _(
                        "Row %(row)s holds a control character (such as a NUL byte), which no "
                        "column accepts. Remove it and upload the file again."
                    )
                    % {"row": row},
                )
            ]
        )
    return text


@dataclass
class _Record:
    row: int
    indicator: Indicator
    organization: Organization
    period: Period
    category: Category | None
    figure: figures.Figure
    note: str


class _Context:
    """Everything the checks need, loaded once (a constant number of queries)."""

    def __init__(self, roles: Roles, approve: bool = False):
        self.roles = roles
        self.approve = approve
        self.indicators = {
            i.code: i for i in Indicator.objects.prefetch_related("dimensions__categories")
        }
        self.organizations = {o.slug: o for o in Organization.objects.all()}
        through = Indicator.reporting_organizations.through.objects.values_list(
            "indicator_id", "organization_id"
        )
        self.reporters = set(through)
        self.categories = {
            (indicator.pk, dimension.code, category.code): category
            for indicator in self.indicators.values()
            for dimension in indicator.dimensions.all()
            for category in dimension.categories.all()
        }
        self.dimensions = {
            (indicator.pk, dimension.code)
            for indicator in self.indicators.values()
            for dimension in indicator.dimensions.all()
        }
        self.submissions = {
            (s.organization_id, s.period_type, s.period_start): s
            for s in Submission.objects.only(
                "id", "organization_id", "period_type", "period_start", "status"
            )
        }


def _check_header(header: list[str]) -> list[Problem]:
    cleaned = [h.strip().lower() for h in header]
    problems = []
    unknown = [h for h in cleaned if h not in COLUMNS]
    missing = [c for c in COLUMNS if c not in cleaned]
    if unknown:
        problems.append(
            Problem(
                1,
                ", ".join(unknown),
                _("Unknown column(s): %(names)s. The columns are: %(columns)s.")
                % {"names": ", ".join(unknown), "columns": ",".join(COLUMNS)},
            )
        )
    if missing:
        problems.append(
            Problem(
                1,
                ", ".join(missing),
                _("Missing column(s): %(names)s.") % {"names": ", ".join(missing)},
            )
        )
    return problems


def _check_row(number: int, raw: dict[str, str], ctx: _Context, today) -> _Record | list[Problem]:
    problems = []

    def problem(column, message):
        problems.append(Problem(number, column, message))

    code = raw["indicator"].strip()
    indicator = ctx.indicators.get(code)
    if indicator is None:
        problem("indicator", _("No indicator has the code “%(code)s”.") % {"code": code})
    slug = raw["organization"].strip()
    organization = ctx.organizations.get(slug)
    if organization is None:
        problem(
            "organization", _("No organization has the short name “%(slug)s”.") % {"slug": slug}
        )
    elif not (ctx.roles.backbone or ctx.roles.is_member_of(organization.pk)):
        problem("organization", _("You cannot report for %(org)s.") % {"org": organization.name})
    elif not ctx.roles.is_member_of(organization.pk) and not ctx.approve:
        # Backbone staff do not enter partners' drafts: what they import is approved history.
        problem(
            "organization",
            _(
                "Backbone staff import %(org)s's values only as approved history: tick "
                "“approve” (or use --approve). A draft is the organization's own to enter."
            )
            % {"org": organization.name},
        )
    elif indicator is not None and (indicator.pk, organization.pk) not in ctx.reporters:
        problem(
            "organization",
            _("%(org)s is not expected to report %(code)s.")
            % {"org": organization.name, "code": indicator.code},
        )
    period = None
    try:
        period = parse_period(raw["period"])
    except ValueError as error:
        problem("period", str(error))
    else:
        if indicator is not None and period.type != indicator.period_type:
            problem(
                "period",
                _("%(code)s is reported by %(kind)s, so the period looks like %(example)s.")
                % {
                    "code": indicator.code,
                    "kind": indicator.get_period_type_display().lower(),
                    "example": Period.last_closed(indicator.period_type, today).key,
                },
            )
        elif period.start > today:
            problem("period", _("%(period)s has not started yet.") % {"period": period.label})

    dimension_code, category_code = raw["dimension"].strip(), raw["category"].strip()
    category = None
    if bool(dimension_code) != bool(category_code):
        column = "category" if dimension_code else "dimension"
        problem(column, _("Give both the dimension and the category, or neither for the total."))
    elif dimension_code and indicator is not None:
        if (indicator.pk, dimension_code) not in ctx.dimensions:
            problem(
                "dimension",
                _("%(code)s has no breakdown “%(dimension)s”.")
                % {"code": indicator.code, "dimension": dimension_code},
            )
        else:
            category = ctx.categories.get((indicator.pk, dimension_code, category_code))
            if category is None:
                problem(
                    "category",
                    _("“%(category)s” is not a category of %(dimension)s.")
                    % {"category": category_code, "dimension": dimension_code},
                )

    figure = None
    if indicator is not None:
        parts = figures.parts(indicator)
        amounts = {}
        for part in ("numerator", "denominator", "value"):
            whole = part in parts and figures.is_whole(indicator, part)
            try:
                amounts[part] = figures.parse_amount(raw[part], whole=whole)
            except ValueError as error:
                problem(part, str(error))
        if not problems:
            figure, figure_problems = _figure(indicator, amounts)
            for column, message in figure_problems:
                problem(column, message)
    if problems:
        return problems
    return _Record(number, indicator, organization, period, category, figure, raw["note"].strip())


def _figure(indicator: Indicator, amounts) -> tuple[figures.Figure, list[tuple[str, str]]]:
    problems = []
    parts = figures.parts(indicator)
    for part in ("numerator", "denominator", "value"):
        if part not in parts and amounts[part] is not None and part != "value":
            problems.append(
                (
                    part,
                    _("Leave %(part)s blank for %(unit)s.")
                    % {"part": part, "unit": indicator.get_unit_display().lower()},
                )
            )
    given = figures.Figure(**{p: amounts[p] for p in parts})
    for part in parts:
        if amounts[part] is None:
            problems.append((part, _("This is needed for %(code)s.") % {"code": indicator.code}))
    if problems:
        return given, problems
    problems += list(figures.problems(indicator, given).items())
    figure = figures.complete(indicator, given)
    stated = amounts["value"]
    tolerance = VALUE_TOLERANCE * indicator.scale / 100
    if (
        indicator.is_share
        and stated is not None
        and figure.value is not None
        and abs(stated - figure.value) > tolerance
    ):
        problems.append(
            (
                "value",
                _("%(stated)s does not match numerator ÷ denominator (%(worked)s).")
                % {"stated": stated, "worked": f"{figure.value.normalize():f}"},
            )
        )
    return figure, problems


# The longest text each column may hold; a longer cell is a problem with its row and column.
NOTE_MAX = 500
CELL_MAX = 200
# The csv module refuses a cell over 128 KB with an error that names no column. Files are at
# most 50 MB (ImportForm), so any cell of one is read, and one too long for its column is
# reported with its row and column (``_too_long``).
csv.field_size_limit(max(csv.field_size_limit(), 50 * 1024 * 1024))


def _rows(reader, problems: list[Problem]):
    """The rows of ``reader``; a row the csv module cannot read (such as a cell over its
    field size limit) ends the file with a problem naming the row."""
    try:
        yield from reader
    except csv.Error as error:
        problems.append(
            Problem(
                reader.line_num,
                "",
                _("This row cannot be read (%(e)s). Nothing was imported.") % {"e": error},
            )
        )


def _too_long(number: int, columns: list[str], cells: list[str]) -> list[Problem]:
    problems = []
    for column, cell in zip(columns, cells, strict=False):
        limit = NOTE_MAX if column == "note" else CELL_MAX
        if len(cell) > limit:
            problems.append(
                Problem(
                    number,
                    column,
                    _("This cell has %(length)s characters; at most %(limit)s fit.")
                    % {"length": len(cell), "limit": limit},
                )
            )
    return problems


def check(
    text: str,
    *,
    roles: Roles,
    approve: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[_Record], list[Problem], int]:
    """Read and check every row. Returns the records, the problems and the row count."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as error:
        return [], [Problem(1, "", _("The header cannot be read: %(e)s.") % {"e": error})], 0
    if header is None:
        return [], [Problem(1, "", _("The file is empty."))], 0
    problems = _check_header(header)
    if problems:
        return [], problems, 0
    columns = [h.strip().lower() for h in header]
    ctx = _Context(roles, approve)
    today = timezone.localdate()
    records, seen = [], {}
    count = 0
    for count, cells in enumerate(_rows(reader, problems), start=1):
        number = count + 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
        if not any(c.strip() for c in cells):
            continue
        too_long = _too_long(number, columns, cells)
        if too_long:
            problems += too_long
            continue
        if len(cells) != len(columns):
            problems.append(
                Problem(
                    number,
                    "",
                    _("This row has %(got)s cells; the header has %(want)s.")
                    % {"got": len(cells), "want": len(columns)},
                )
            )
            continue
        outcome = _check_row(number, dict(zip(columns, cells, strict=True)), ctx, today)
        if isinstance(outcome, list):
            problems += outcome
            continue
        key = (
            outcome.indicator.pk,
            outcome.organization.pk,
            outcome.period,
            outcome.category.pk if outcome.category else None,
        )
        if key in seen:
            problems.append(
                Problem(number, "indicator", _("Same value as row %(row)s.") % {"row": seen[key]})
            )
            continue
        seen[key] = number
        submission = ctx.submissions.get(
            (outcome.organization.pk, outcome.period.type, outcome.period.start)
        )
        if submission is not None and not submission.is_editable:
            problems.append(
                Problem(
                    number,
                    "period",
                    _("The report of %(org)s for %(period)s is %(status)s and locked.")
                    % {
                        "org": outcome.organization.name,
                        "period": outcome.period.label,
                        "status": submission.get_status_display().lower(),
                    },
                )
            )
            continue
        if (
            submission is not None
            and ctx.approve
            and not ctx.roles.is_member_of(outcome.organization.pk)
        ):
            problems.append(
                _draft_problem(number, outcome.organization, outcome.period, submission)
            )
            continue
        records.append(outcome)
    if approve and not roles.backbone:
        problems.insert(0, Problem(0, "", _("Only backbone staff may import values as approved.")))
    if not records and not problems:
        problems.append(Problem(2, "", _("The file has a header but no values.")))
    return records, problems, count


def _draft_problem(number: int, organization, period, submission) -> Problem:
    """Backbone staff import approved history only into periods where the organization has
    no report of its own under way: a draft or a returned report is theirs to finish."""
    return Problem(
        number,
        "period",
        _(
            "%(org)s has its own report for %(period)s under way (%(status)s): it is theirs "
            "to finish and submit. Import history only for periods without one."
        )
        % {
            "org": organization.name,
            "period": period.label,
            "status": submission.get_status_display().lower(),
        },
    )


@transaction.atomic
def load(records: Iterable[_Record], *, by: User, approve: bool, source: str) -> Result:
    """Store checked records, grouped by report. Runs in one transaction: all or nothing."""
    grouped: dict[tuple, dict] = {}
    for record in records:
        key = (record.organization.pk, record.period)
        entry = grouped.setdefault(key, {"organization": record.organization, "figures": {}})
        entry["figures"][(record.indicator.pk, record.category.pk if record.category else None)] = {
            **record.figure.as_dict(),
            "note": record.note,
        }
    result = Result()
    reason = _("Imported from %(source)s") % {"source": source}
    for (_org_id, period), entry in grouped.items():
        organization = entry["organization"]
        if (
            approve
            and not Membership.objects.filter(
                user=by, organization=organization, role__in=[Role.LEAD, Role.MEMBER]
            ).exists()
        ):
            # The same rule as the check, again under the report's lock: the organization may
            # have begun its own report since the file was checked.
            under_way = (
                Submission.objects.select_for_update()
                .filter(
                    organization=organization,
                    period_type=period.type,
                    period_start=period.start,
                )
                .first()
            )
            if under_way is not None and under_way.is_editable:
                raise ImportError_([_draft_problem(0, organization, period, under_way)])
        submission = actions.get_or_start_submission(organization, period)
        try:
            result.values_changed += actions.save_values(
                submission, entry["figures"], by=by, reason=reason
            )
        except ValidationError as error:  # the report was locked since the check
            raise ImportError_([Problem(0, "period", " ".join(error.messages))]) from None
        if approve:
            actions.approve_imported(submission, by=by, comment=reason)
        result.submissions += 1
    return result


def run(
    text: str,
    *,
    user: User,
    roles: Roles,
    approve: bool = False,
    source: str = "a CSV file",
    progress: Callable[[int], None] | None = None,
) -> Result:
    records, problems, rows = check(text, roles=roles, approve=approve, progress=progress)
    if problems:
        return Result(rows=rows, problems=problems)
    try:
        result = load(records, by=user, approve=approve, source=source)
    except ImportError_ as error:
        return Result(rows=rows, problems=error.problems)
    result.rows = rows
    return result


def template_rows(organizations, today) -> list[list[str]]:
    """Example rows: every total each organization reports for its last closed period."""
    rows = []
    for organization in organizations:
        for indicator in organization.reported_indicators.order_by("code"):
            period = Period.last_closed(indicator.period_type, today)
            rows.append([indicator.code, organization.slug, period.key, "", "", "", "", "", ""])
    return rows
