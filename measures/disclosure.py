"""Which stored figures may be published, decided when the figures change.

The rules (README, "Disclosure control"), for every reader but backbone staff:

- primary: a cell needs at least ``min_organizations`` reporting organizations (3, the rule of
  three); a count of people, or the number of people behind a share or an average, below the
  indicator's threshold (10) is suppressed; a percent of people whose numerator or its
  complement is below the threshold is published as a bound (≥ 91 %, ≤ 9 %), its numerator
  hidden;
- complementary: the published cells of one indicator and period are linked (every scope's
  total is the sum of each breakdown's categories; the region is the sum of its counties and
  the sum of its organization types), so more cells are hidden until no hidden cell, and no
  group of fewer than ``min_organizations`` organizations, can be worked out from what is
  published, by anyone, a partner knowing its own figures included;
- longer periods: a quarter or year is published only when every month or quarter inside it
  is, so it adds nothing that the shorter periods do not already give.

The check is linear algebra. The unknowns are the figures of the "atoms": the organizations
that share a county and a type, which no published scope can tell apart. A published cell is
the sum of its atoms; each atom's total is the sum of each complete breakdown's categories.
A hidden quantity can be worked out exactly when its vector lies in the span of the published
cells' vectors, that is when it is orthogonal to their null space. A partner that alone makes
up an atom's figure for some category knows that figure: its own. What a partner may not learn
is a small group of people, or one other organization's figure; the sum of two or more other
organizations (the region less its own figures) is what the rule of three allows. Cells are
hidden in order of least information: a category before a total, a place before the region,
the region's total last.

This module computes; ``measures.decisions`` stores the decisions in the roll-up and
``measures.publication`` reads them for every audience.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from scipy.linalg import qr, solve_triangular
from threadpoolctl import threadpool_limits

# The matrices here are a few hundred rows at most: starting BLAS threads for each product
# costs several times the product itself (a check ten times slower with two threads than
# with one, measured at the design scale). One thread, for the whole process.
threadpool_limits(limits=1, user_api="blas")

MIN_ORGANIZATIONS = 3  # the floor; backbone staff may raise it, never lower it

# What a stored cell says about itself to readers outside the backbone staff.
PUBLISHED = ""
FEW_ORGANIZATIONS = "orgs"
FEW_PEOPLE = "people"
COMPLEMENT = "complement"
BOUND_LOW = "bound_low"  # a percent near 0: "≤ n %"
BOUND_HIGH = "bound_high"  # a percent near 100: "≥ n %"
# Written by a full rebuild for the figures whose decisions it has still to make (after the
# new figures are swapped in): hidden from outside readers until they are made.
PENDING = "pending"
HIDDEN = frozenset({FEW_ORGANIZATIONS, FEW_PEOPLE, COMPLEMENT, PENDING})
BOUNDED = frozenset({BOUND_LOW, BOUND_HIGH})

REGION, COUNTY, ORG_TYPE, ORGANIZATION = "region", "county", "org_type", "organization"
PUBLIC_SCOPES = (REGION, COUNTY, ORG_TYPE)
TOLERANCE = 1e-7


@dataclass(frozen=True)
class Rules:
    """An indicator's rules, as the engine needs them."""

    aggregation: str  # "sum", "ratio" or "mean"
    counts_people: bool
    is_percent: bool
    threshold: int
    min_organizations: int = MIN_ORGANIZATIONS
    partial_dimensions: frozenset[str] = frozenset()  # breakdowns that need not add up

    @property
    def layers(self) -> tuple[str, ...]:
        return ("value",) if self.aggregation == "sum" else ("numerator", "denominator")


@dataclass(slots=True)
class Cell:
    """One stored figure of one period: a scope's total or one category."""

    scope_type: str
    scope_key: str
    dimension: str
    category: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    reported: int
    pk: int | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.scope_type, self.scope_key, self.dimension, self.category)

    @property
    def slot(self) -> tuple[str, str]:
        return (self.dimension, self.category)


def people(rules: Rules, cell: Cell) -> Decimal | None:
    if not rules.counts_people:
        return None
    return cell.value if rules.aggregation == "sum" else cell.denominator


def primary(rules: Rules, cell: Cell) -> str:
    """The rule a cell breaks on its own, or '' (a bound is not hidden: see BOUNDED)."""
    if cell.reported < rules.min_organizations:
        return FEW_ORGANIZATIONS
    n = people(rules, cell)
    if n is not None and 0 < n < rules.threshold:
        return FEW_PEOPLE
    if rules.is_percent and rules.counts_people and cell.numerator is not None and cell.denominator:
        if cell.numerator < rules.threshold:
            return BOUND_LOW
        if cell.denominator - cell.numerator < rules.threshold:
            return BOUND_HIGH
    return PUBLISHED


def bound_percent(code: str, denominator: Decimal, threshold: int) -> int:
    """The whole percent a bounded cell is published as: the share is below it (≤) or
    above it (≥), and says no more than that fewer than ``threshold`` people are on one side."""
    margin = 100 * threshold / float(denominator)
    if code == BOUND_LOW:
        return min(100, math.ceil(margin))
    return max(0, math.floor(100 - margin))


def hidden_in(code: str, layer: str) -> bool:
    """Whether a cell with this decision hides this layer: a bound hides the numerator."""
    return code in HIDDEN or (layer == "numerator" and code in BOUNDED)


@dataclass(slots=True)
class Place:
    county: str
    org_type: str


def _cost(cell: Cell, rules: Rules) -> tuple:
    """Least information first: categories before totals, places before the region, the
    region's total last; then cells with people before empty ones, smaller before larger."""
    n = people(rules, cell)
    size = float(n if n is not None else (cell.value or 0))
    return (
        cell.scope_type == REGION and not cell.dimension,
        not cell.dimension,
        cell.scope_type == REGION,
        size == 0,
        size,
        cell.key,
    )


@dataclass
class Slice:
    """The cells of one indicator and one base period, and the algebra over them."""

    rules: Rules
    cells: list[Cell]  # the public scopes' cells
    own: list[Cell]  # the organizations' cells
    places: dict[str, Place]
    variables: dict[tuple, int] = field(init=False)
    matrix: np.ndarray = field(init=False)  # the public cells' vectors, one row each
    vectors: dict[tuple, np.ndarray] = field(init=False)
    reported: np.ndarray = field(init=False)
    atom_names: list[tuple] = field(init=False)
    atom_vectors: np.ndarray = field(init=False)
    atom_counts: np.ndarray = field(init=False)
    relations: np.ndarray = field(init=False)
    reporters: dict[tuple, int] = field(init=False)
    members: dict[tuple, list[str]] = field(init=False)
    insider_masks: dict[str, tuple] = field(init=False)

    def __post_init__(self):
        members: dict[tuple, list[str]] = defaultdict(list)
        places = self.places
        for cell in self.own:
            place = places.get(cell.scope_key)
            if place is not None:
                atom = (place.county, place.org_type)
                members[(atom, (cell.dimension, cell.category))].append(cell.scope_key)
        self.members = dict(members)
        self.reporters = {key: len(group) for key, group in members.items()}
        variables = {key: index for index, key in enumerate(sorted(members))}
        self.variables = variables
        size = len(variables)
        # A cell's vector: the unknowns of its category whose atom lies in its scope.
        inside: dict[tuple, list[int]] = defaultdict(list)
        totals: dict[tuple, int] = {}
        parts: dict[tuple, list[int]] = defaultdict(list)
        for ((county, org_type), slot), index in variables.items():
            inside[(REGION, "", slot)].append(index)
            inside[(COUNTY, county, slot)].append(index)
            inside[(ORG_TYPE, org_type, slot)].append(index)
            dimension = slot[0]
            if not dimension:
                totals[(county, org_type)] = index
            elif dimension not in self.rules.partial_dimensions:
                parts[((county, org_type), dimension)].append(index)
        self.matrix = np.zeros((len(self.cells), size))  # one row per public cell
        rows, columns = [], []
        for row, cell in enumerate(self.cells):
            indices = inside.get((cell.scope_type, cell.scope_key, (cell.dimension, cell.category)))
            if indices:
                rows += [row] * len(indices)
                columns += indices
        self.matrix[rows, columns] = 1.0
        self.vectors = {cell.key: self.matrix[row] for row, cell in enumerate(self.cells)}
        self.reported = np.array([cell.reported for cell in self.cells])
        # The unknowns of fewer organizations than one figure needs: secrets too.
        small = [
            (key, index)
            for key, index in variables.items()
            if self.reporters.get(key, 0) < self.rules.min_organizations
        ]
        self.atom_names = [("atom", *key) for key, _index in small]
        self.atom_vectors = np.zeros((len(small), size))
        self.atom_vectors[np.arange(len(small)), [index for _key, index in small]] = 1.0
        self.atom_counts = np.array([self.reporters.get(key, 0) for key, _index in small])
        # Each atom's total is the sum of each complete breakdown's categories.
        rows = []
        for (atom, _dimension), indices in parts.items():
            total = totals.get(atom)
            if total is None:
                continue
            row = np.zeros(size)
            row[total] = 1.0
            row[indices] = -1.0
            rows.append(row)
        self.relations = np.array(rows) if rows else np.zeros((0, size))
        # Each partner that alone makes up some unknowns: those unknowns (which it knows),
        # and every unknown it is part of.
        alone = {m[0] for m in self.members.values() if len(m) == 1}
        own_of: dict[str, list[int]] = defaultdict(list)
        member_of: dict[str, list[int]] = defaultdict(list)
        for key, index in variables.items():
            group = self.members[key]
            for organization in group:
                if organization in alone:
                    member_of[organization].append(index)
            if len(group) == 1:
                own_of[group[0]].append(index)
        self.insider_masks = {}
        for organization in sorted(alone):
            member = np.zeros(size, dtype=bool)
            member[member_of[organization]] = True
            self.insider_masks[organization] = (np.array(own_of[organization], dtype=int), member)

    # --- what a reader can work out ----------------------------------------------------

    def targets(self, codes: dict[tuple, str], layer: str):
        """What must stay unknown: every hidden cell, and every atom of fewer organizations
        than the rule allows in one figure. Their names, vectors, how many organizations
        each is made of, and whether it hides a small group of people."""
        hidden, people_rule = [], []
        for row, cell in enumerate(self.cells):
            code = codes[cell.key]
            if hidden_in(code, layer):
                hidden.append(row)
                people_rule.append(code == FEW_PEOPLE or (code in BOUNDED and layer == "numerator"))
        names = [("cell", self.cells[row].key) for row in hidden] + self.atom_names
        vectors = np.vstack([self.matrix[hidden], self.atom_vectors])
        counts = np.concatenate([self.reported[hidden], self.atom_counts])
        people = np.concatenate(
            [np.array(people_rule, dtype=bool), np.zeros(len(self.atom_names), dtype=bool)]
        )
        return names, vectors, counts, people

    def known_matrix(self, codes, layer, audience=None) -> tuple[np.ndarray, list[Cell]]:
        shown = [row for row, c in enumerate(self.cells) if not hidden_in(codes[c.key], layer)]
        published = [self.cells[row] for row in shown]
        size = len(self.variables)
        matrix = np.vstack([self.matrix[shown], self.relations])
        if audience is not None:
            indices = self.own_indices(audience)
            own = np.zeros((len(indices), size))
            for row, index in enumerate(indices):
                own[row, index] = 1.0
            matrix = np.vstack([matrix, own])
        return matrix.reshape(-1, size), published

    def own_indices(self, organization: str) -> list[int]:
        """The unknowns a partner knows: those of its atom where it alone reports."""
        masks = self.insider_masks.get(organization)
        return [] if masks is None else [int(i) for i in masks[0]]

    def insiders(self) -> list[str]:
        """Partners that alone make up some unknown, and so know it."""
        return list(self.insider_masks)

    def recovered(self, codes: dict[tuple, str], layer: str) -> list[tuple]:
        """(audience, targets, vectors) for the targets that some reader can work out
        exactly: ``None`` is any reader outside the backbone staff, a slug the partner that
        alone makes up some unknowns and knows them."""
        found = []
        size = len(self.variables)
        if size == 0:
            return found
        matrix, _published = self.known_matrix(codes, layer)
        base = _null(matrix, size)
        names, vectors, counts, people_rule = self.targets(codes, layer)
        if not names:
            return found
        support = vectors != 0
        # A target is known when it is orthogonal to the null space of what is known.
        residual = vectors @ base
        outsider = np.abs(residual).max(axis=1) < TOLERANCE if base.shape[1] else None
        if outsider is None:
            outsider = np.ones(len(names), dtype=bool)
        if outsider.any():
            chosen = np.flatnonzero(outsider)
            found.append((None, [names[i] for i in chosen], vectors[chosen]))
        insiders = self.insiders()
        if not insiders or base.shape[1] == 0:
            return found
        # What a partner learns of the others in a target: a small group of people is a
        # secret from anyone; otherwise one other organization's figure is (the region less
        # its own, the sum of two or more others, is what the rule of three allows).
        members = np.vstack([self.insider_masks[a][1] for a in insiders])  # insiders × unknowns
        touched = (support.astype(float) @ members.T.astype(float)) > 0  # targets × insiders
        others = counts[:, None] - touched
        keep = np.where(people_rule[:, None], others >= 1, others == 1) & ~outsider[:, None]
        chosen = np.flatnonzero(keep.any(axis=0))
        if not chosen.size:
            return found
        # Knowing its own figures too, a partner knows a target when the target's part in
        # the null space lies in the span of its own unknowns' parts: all partners at once,
        # their own unknowns padded with zero rows (which span nothing).
        owns = [self.insider_masks[insiders[i]][0] for i in chosen]
        known = np.zeros((len(chosen), max(len(o) for o in owns), base.shape[1]))
        for row, own in enumerate(owns):
            known[row, : len(own)] = base[own, :]
        _u, sigma, rows = np.linalg.svd(known, full_matrices=False)
        basis = rows * (sigma > 1e-9)[:, :, None]  # partners × own × null space
        # The part of each target left outside a partner's span: with an orthonormal basis,
        # its squared length is the target's less that of its coordinates (one product).
        weights = (residual @ basis.reshape(-1, base.shape[1]).T).reshape(
            len(residual), len(chosen), -1
        )
        left = (residual**2).sum(axis=1)[:, None] - (weights**2).sum(axis=2)  # targets × partners
        determined = ((left < TOLERANCE**2 * 100) & keep[:, chosen]).T
        for row, index in enumerate(chosen):
            hits = np.flatnonzero(determined[row])
            if hits.size:
                found.append((insiders[index], [names[i] for i in hits], vectors[hits]))
        return found


def _null(matrix: np.ndarray, size: int) -> np.ndarray:
    """An orthonormal basis of the null space, from a QR decomposition with column pivoting
    (a few times faster than the SVD here; the entries are small integers)."""
    if matrix.shape[0] == 0 or not matrix.any():
        return np.eye(size)
    q, r, _pivots = qr(matrix.T, pivoting=True, mode="full", check_finite=False)
    diagonal = np.abs(np.diag(r))
    rank = int((diagonal > 1e-9 * diagonal.max()).sum())
    return q[:, rank:]


def decide(
    rules: Rules,
    cells: Iterable[Cell],
    places: dict[str, Place],
    forced: Iterable[tuple] = (),
    kept: Iterable[tuple] = (),
) -> dict[tuple, str]:
    """The decision for every public cell of one indicator and one base period.

    ``cells`` are the period's stored cells, the organizations' included; ``places`` says
    where each organization is counted; ``forced`` are keys a longer period needs hidden;
    ``kept`` the complementary cells of the decisions made before, to start from."""
    cells = list(cells)
    public = [c for c in cells if c.scope_type in PUBLIC_SCOPES]
    own = [c for c in cells if c.scope_type == ORGANIZATION]
    codes = {c.key: primary(rules, c) for c in public}
    # Cells a longer period needs hidden, and (in an incremental roll-up) the cells that
    # protected others before: a start that usually needs no more rounds. Hiding more never
    # reveals more; the search below checks the whole of it.
    for key in [*forced, *kept]:
        if key in codes and codes[key] not in HIDDEN:
            codes[key] = COMPLEMENT
    if not public:
        return codes
    by_key = {c.key: c for c in public}
    _cover_simple_relations(rules, public, codes)
    work = Slice(rules, public, own, places)
    for _round in range(200):
        added, seen = set(), set()
        for layer in rules.layers:
            hidden = frozenset(k for k, code in codes.items() if hidden_in(code, layer))
            if hidden in seen:
                continue  # no bound: the numerator hides what the denominator does
            seen.add(hidden)
            for audience, _targets, vectors in work.recovered(codes, layer):
                added |= _breakers(work, codes, layer, audience, vectors)
        if not added:
            break
        for key in added:
            codes[key] = COMPLEMENT
        _cover_simple_relations(rules, list(by_key.values()), codes)
    return codes


def _breakers(work: Slice, codes, layer, audience, vectors) -> set[tuple]:
    """For each target, the published cell of least information whose hiding breaks the way
    it is worked out: one that a combination of known rows giving the target uses."""
    matrix, published = work.known_matrix(codes, layer, audience)
    if not published:
        return set()
    weights = _combination(matrix, vectors)[: len(published)]
    chosen = set()
    for column in weights.T:
        used = [cell for cell, weight in zip(published, column, strict=True) if abs(weight) > 1e-6]
        chosen.add(min(used or published, key=lambda c: _cost(c, work.rules)).key)
    return chosen


def _combination(matrix: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Weights of the rows of ``matrix`` that add up to each of ``vectors`` (one column per
    vector), from a pivoted QR decomposition: each uses as few rows as the rank needs."""
    q, r, pivots = qr(matrix.T, pivoting=True, mode="economic", check_finite=False)
    diagonal = np.abs(np.diag(r))
    rank = int((diagonal > 1e-9 * diagonal.max()).sum()) if diagonal.size else 0
    weights = np.zeros((matrix.shape[0], vectors.shape[0]))
    if rank:
        solved = solve_triangular(r[:rank, :rank], q[:, :rank].T @ vectors.T)
        weights[pivots[:rank]] = solved
    return weights


def _relations(rules: Rules, cells: list[Cell]) -> list[list[tuple]]:
    """Groups of keys that are linked by one sum, each group's first key the sum."""
    keys = {c.key for c in cells}
    groups = []
    by_scope = defaultdict(lambda: defaultdict(list))
    for cell in cells:
        if cell.dimension and cell.dimension not in rules.partial_dimensions:
            by_scope[(cell.scope_type, cell.scope_key)][cell.dimension].append(cell.key)
    for (scope_type, scope_key), dimensions in by_scope.items():
        total = (scope_type, scope_key, "", "")
        if total in keys:
            groups += [[total, *members] for members in dimensions.values()]
    for kind in (COUNTY, ORG_TYPE):
        parts = defaultdict(list)
        for cell in cells:
            if cell.scope_type == kind:
                parts[cell.slot].append(cell.key)
        for slot, members in parts.items():
            whole = (REGION, "", *slot)
            if whole in keys:
                groups.append([whole, *members])
    return groups


def _cover_simple_relations(rules: Rules, cells: list[Cell], codes) -> None:
    """No sum with exactly one hidden member: the quick part of the search, before the
    algebra looks for what it leaves."""
    by_key = {c.key: c for c in cells}
    groups = _relations(rules, cells)
    changed = True
    while changed:
        changed = False
        for layer in rules.layers:
            for group in groups:
                hidden = [k for k in group if hidden_in(codes[k], layer)]
                if len(hidden) != 1:
                    continue
                shown = [by_key[k] for k in group if not hidden_in(codes[k], layer)]
                if not shown:
                    continue
                choice = min(shown, key=lambda c: _cost(c, rules))
                codes[choice.key] = COMPLEMENT
                changed = True


# --- Longer periods ----------------------------------------------------------------------


def longer_period_code(rules: Rules, cell: Cell, parts: list[str]) -> str:
    """A quarter's or year's decision from the decisions of its months or quarters (for
    the same scope and category): hidden when any is hidden, a bound or hidden when any
    hides its numerator, else its own rules."""
    own = primary(rules, cell)
    if own in HIDDEN:
        return own
    if any(p in HIDDEN for p in parts):
        return COMPLEMENT
    if any(p in BOUNDED for p in parts):
        return own if own in BOUNDED else COMPLEMENT
    return own


def needs_part_hidden(own: str, parts: list[str]) -> bool:
    """A longer period hidden by its own rules, whose parts are all shown, would be their
    sum: one part must be hidden too."""
    if own in HIDDEN:
        return not any(p in HIDDEN for p in parts)
    if own in BOUNDED:
        return not any(p in HIDDEN or p in BOUNDED for p in parts)
    return False
