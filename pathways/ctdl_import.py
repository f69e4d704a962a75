"""Reading a pathway back from CTDL JSON-LD, as ``pathways.ctdl`` writes it.

The graph's ``ceterms:Pathway`` becomes a pathway (the one with its CTID, replaced, or a new
one), its components its steps and links, and the resources they stand for its programs,
credentials, occupations and organizations: each found by its CTID (organizations and
occupations by the CTID derived from their short name or SOC code), then by name or code, and
created when not found. Descriptions the export wrote in place of an empty one are read back
as empty. All or nothing: every problem is reported with the node it is in, and nothing is
saved unless the whole pathway can be. An imported pathway is a draft unless ``public``.
"""

import re
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.routes import check_not_reserved
from partners.models import Organization, SectorType
from pathways import ctdl
from pathways.forms import SLUG_ROUTES
from pathways.models import (
    Audience,
    AwardLevel,
    CareerCluster,
    Credential,
    LinkKind,
    Modality,
    Occupation,
    Pathway,
    Program,
    Sector,
    Stage,
    Step,
    StepLink,
)
from pathways.versions import record

CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
KINDS = {value: kind for kind, value in ctdl.COMPONENT_TYPES.items()}
CREDENTIAL_KINDS = {value: kind for kind, value in ctdl.CREDENTIAL_TYPES.items()}
MODALITIES = {node: modality for modality, (node, _name) in ctdl.DELIVERY.items()}
SECTOR_TYPES = {node: sector for sector, (node, _name) in reversed(ctdl.AGENT_TYPE.items())}


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class CtdlImportError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems[:3]))
        self.problems = problems


def _text(value) -> str:
    """The text of a language map (English first), or of a plain string."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict) and value:
        chosen = value.get(ctdl.LANGUAGE) or value.get("en") or ""
        if isinstance(chosen, list):
            chosen = chosen[0] if chosen else ""
        return str(chosen).strip()
    return ""


def _list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class Graph:
    """The document's nodes, and the problems met reading them."""

    def __init__(self, document):
        self.problems: list[Problem] = []
        if not isinstance(document, dict) or not isinstance(document.get("@graph"), list):
            raise CtdlImportError(
                [Problem("", _("This is not a CTDL graph: it has no “@graph” list of nodes."))]
            )
        self.nodes = [n for n in document["@graph"] if isinstance(n, dict)]
        self.by_id = {n["@id"]: n for n in self.nodes if isinstance(n.get("@id"), str)}

    def where(self, node: dict) -> str:
        position = self.nodes.index(node) if node in self.nodes else -1
        return _("node %(n)s (%(type)s “%(name)s”)") % {
            "n": position + 1,
            "type": node.get("@type", "?"),
            "name": _text(node.get("ceterms:name")) or node.get("@id", ""),
        }

    def problem(self, node: dict, message: str) -> None:
        self.problems.append(Problem(self.where(node), message))

    def of_type(self, *types: str) -> list[dict]:
        return [n for n in self.nodes if n.get("@type") in types]

    def uuid_of(self, node: dict) -> uuid.UUID | None:
        ctid = node.get("ceterms:ctid")
        if not isinstance(ctid, str) or not CTID.match(ctid.lower()):
            self.problem(node, _("“ceterms:ctid” is missing or is not ce- and a UUID."))
            return None
        return uuid.UUID(ctid[3:])

    def name(self, node: dict, limit: int = 200) -> str:
        name = " ".join(_text(node.get("ceterms:name")).split())
        if not name:
            self.problem(node, _("“ceterms:name” is missing."))
        elif len(name) > limit:
            self.problem(node, _("The name is longer than %(max)s characters.") % {"max": limit})
        return name[:limit]

    def term(self, node: dict, prop: str, framework: str) -> str:
        """The code of the first alignment in ``prop`` to this app's ``framework``."""
        for item in _list(node.get(prop)):
            if isinstance(item, dict) and str(item.get("ceterms:framework", "")).endswith(
                f"/ctdl/terms/{framework}"
            ):
                return str(item.get("ceterms:codedNotation", "")).strip()
        return ""

    def terms(self, node: dict, prop: str, framework: str) -> list[str]:
        return [
            str(item.get("ceterms:codedNotation", "")).strip()
            for item in _list(node.get(prop))
            if isinstance(item, dict)
            and str(item.get("ceterms:framework", "")).endswith(f"/ctdl/terms/{framework}")
        ]


def _description(node: dict, fallback: str) -> str:
    """The node's description, empty where it is the one the export wrote for an empty one."""
    description = _text(node.get("ceterms:description"))
    return "" if description == fallback else description


def _soc(graph: Graph, node: dict) -> list[str]:
    codes = []
    for item in _list(node.get("ceterms:occupationType")):
        code = str(item.get("ceterms:codedNotation", "")).strip() if isinstance(item, dict) else ""
        code = code.removesuffix(".00")
        if re.fullmatch(r"\d{2}-\d{4}", code):
            codes.append(code)
        else:
            graph.problem(node, _("“%(code)s” is not a SOC 2018 code.") % {"code": code})
    return codes


def _organizations(graph: Graph, page: str) -> dict[str, Organization]:
    known = {ctdl.organization_ctid(o): o for o in Organization.objects.all()}
    by_name = {o.name.casefold(): o for o in known.values()}
    found = {}
    for node in graph.of_type("ceterms:CredentialOrganization", "ceterms:Organization"):
        if str(node.get("@id", "")).startswith("_:"):
            continue  # an issuer known by name only
        ctid = str(node.get("ceterms:ctid", ""))
        name = graph.name(node)
        organization = known.get(ctid) or by_name.get(name.casefold())
        if organization is None and name:
            agent = next(iter(_list(node.get("ceterms:agentType"))), {})
            sector_type = SECTOR_TYPES.get(
                agent.get("ceterms:targetNode") if isinstance(agent, dict) else "",
                SectorType.NONPROFIT,
            )
            slug, n = slugify(name)[:70] or "organization", 1
            base = slug
            while Organization.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            organization = Organization.objects.create(
                name=name,
                slug=slug,
                sector_type=sector_type,
                description=_text(node.get("ceterms:description")),
                # The export gives an organization without a site the pathway's page.
                website=_webpage(node, page),
            )
        if organization is not None:
            found[node["@id"]] = organization
    return found


def _webpage(node: dict, page: str) -> str:
    webpage = str(node.get("ceterms:subjectWebpage", ""))[:200]
    return "" if webpage == page else webpage


def _occupations(graph: Graph) -> dict[str, Occupation]:
    found = {}
    for node in graph.of_type("ceterms:Occupation"):
        name = graph.name(node)
        codes = _soc(graph, node)
        if not codes or not name:
            continue
        occupation, created = Occupation.objects.get_or_create(
            soc_code=codes[0], defaults={"title": name}
        )
        if created:
            _spanish(occupation, node, {"ceterms:name": "title"})
            occupation.save()
        found[node.get("@id", "")] = occupation
    return found


def _credentials(graph: Graph) -> dict[str, Credential]:
    found = {}
    for node in graph.of_type(*CREDENTIAL_KINDS):
        key, name = graph.uuid_of(node), graph.name(node)
        if key is None or not name:
            continue
        issuer = graph.by_id.get(next(iter(_list(node.get("ceterms:ownedBy"))), ""), {})
        credential = (
            Credential.objects.filter(ctdl_id=key).first()
            or Credential.objects.filter(name=name).first()
            or Credential(ctdl_id=key)
        )
        credential.name = name
        credential.kind = CREDENTIAL_KINDS[node["@type"]]
        credential.issuer = _text(issuer.get("ceterms:name")) or credential.issuer or name
        _spanish(credential, node, {"ceterms:name": "name"})
        credential.save()
        found[node["@id"]] = credential
    for node in graph.of_type(*CREDENTIAL_KINDS):
        credential = found.get(node.get("@id"))
        into = [found[i] for i in _list(node.get("ceterms:isPartOf")) if i in found]
        if credential is None or not into:
            continue
        try:
            credential.check_stacking(into)
        except ValidationError as error:
            graph.problem(node, " ".join(error.messages))
            continue
        credential.stacks_into.add(*into)
    return found


def _program(graph: Graph, node: dict, organizations: dict, page: str) -> Program | None:
    key, title = graph.uuid_of(node), graph.name(node)
    provider = organizations.get(next(iter(_list(node.get("ceterms:offeredBy"))), ""))
    if provider is None:
        graph.problem(node, _("“ceterms:offeredBy” names no organization of the graph."))
    cip = next(
        (
            str(i.get("ceterms:codedNotation", ""))
            for i in _list(node.get("ceterms:instructionalProgramType"))
            if isinstance(i, dict)
        ),
        "",
    )
    if key is None or not title or provider is None:
        return None
    program = Program.objects.filter(ctdl_id=key).first() or Program(ctdl_id=key)
    program.title, program.provider, program.cip_code = title, provider, cip
    program.award_level = graph.term(node, "ceterms:audienceLevelType", "award") or AwardLevel.NONE
    program.audience = graph.term(node, "ceterms:audienceType", "audience") or Audience.BOTH
    program.schedule = graph.term(node, "ceterms:scheduleTimingType", "schedule")
    delivery = next(iter(_list(node.get("ceterms:deliveryType"))), {})
    program.modality = MODALITIES.get(
        delivery.get("ceterms:targetNode") if isinstance(delivery, dict) else "", Modality.IN_PERSON
    )
    program.description = _description(node, f"{title}, offered by {provider.name}.")
    program.enrol_url = _webpage(node, page)
    place = next(iter(_list(node.get("ceterms:availableAt"))), {})
    program.location = _text(place.get("ceterms:name")) if isinstance(place, dict) else ""
    enrol = next(iter(_list(node.get("ceterms:requires"))), {})
    program.how_to_enrol = (
        _text(enrol.get("ceterms:description")) if isinstance(enrol, dict) else ""
    )
    program.cost, program.length_months = None, None
    for cost in _list(node.get("ceterms:estimatedCost")):
        try:
            program.cost = Decimal(str(cost.get("ceterms:price"))).quantize(Decimal(1))
        except (InvalidOperation, AttributeError):
            graph.problem(node, _("A cost has no price in dollars."))
    for duration in _list(node.get("ceterms:estimatedDuration")):
        exact = str(duration.get("ceterms:exactDuration", "")) if isinstance(duration, dict) else ""
        match = re.fullmatch(r"P(\d+)M", exact)
        if match:
            program.length_months = int(match.group(1))
        else:
            graph.problem(node, _("“%(d)s” is not a length in months (P6M).") % {"d": exact})
    try:
        program.full_clean(validate_unique=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            graph.problem(node, f"{field}: {' '.join(messages)}")
        return None
    _spanish(program, node, {"ceterms:name": "title", "ceterms:description": "description"})
    enrol_es = enrol.get("ceterms:description", {}) if isinstance(enrol, dict) else {}
    program.how_to_enrol_es = (enrol_es.get("es") if isinstance(enrol_es, dict) else None) or None
    program.save()
    return program


def _pathway(graph: Graph, node: dict, organizations: dict) -> Pathway | None:
    key, title = graph.uuid_of(node), graph.name(node)
    owner = organizations.get(next(iter(_list(node.get("ceterms:ownedBy"))), ""))
    if owner is None:
        graph.problem(node, _("“ceterms:ownedBy” names no organization of the graph."))
    sector_code = graph.term(node, "ceterms:industryType", "sector")
    cluster_code = graph.term(node, "ceterms:subject", "cluster")
    if not sector_code or not cluster_code:
        graph.problem(node, _("The pathway names no sector or no career cluster."))
    if key is None or not title or owner is None or not sector_code or not cluster_code:
        return None
    sector = Sector.objects.filter(slug=sector_code).first() or Sector.objects.create(
        slug=sector_code, name=_named(node, "ceterms:industryType", sector_code)
    )
    cluster = CareerCluster.objects.filter(code=cluster_code).first() or (
        CareerCluster.objects.create(
            code=cluster_code, name=_named(node, "ceterms:subject", cluster_code)
        )
    )
    pathway = Pathway.objects.filter(ctdl_id=key).first()
    if pathway is None:
        page = str(node.get("ceterms:subjectWebpage", ""))
        match = re.search(r"/explore/([-a-zA-Z0-9_]+)/$", page)
        slug = slugify(match.group(1) if match else title)[:36] or "pathway"
        try:
            check_not_reserved(slug, *SLUG_ROUTES)
        except ValidationError:
            slug = f"{slug[:27]}-pathway"
        base, n = slug, 1
        while Pathway.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base[:36]}-{n}"
        pathway = Pathway(ctdl_id=key, slug=slug)
    pathway.title, pathway.owner, pathway.sector, pathway.cluster = title, owner, sector, cluster
    pathway.summary = _description(node, f"A career pathway in {sector.name}: {title}.")
    return pathway


def _named(node: dict, prop: str, code: str) -> str:
    for item in _list(node.get(prop)):
        if isinstance(item, dict) and item.get("ceterms:codedNotation") == code:
            return _text(item.get("ceterms:targetNodeName"))[:200] or code
    return code


def _grades(graph: Graph, node: dict, name: str) -> tuple[int | None, int | None]:
    code = graph.term(node, "ceterms:componentDesignation", name)
    match = re.fullmatch(r"(\d*)-(\d*)", code)
    if not match:
        return None, None
    low, high = match.groups()
    return (int(low) if low else None, int(high) if high else None)


def _steps(graph, pathway, programs, credentials, occupations, organizations) -> None:
    components = [n for n in graph.nodes if n.get("@type") in KINDS]
    pathway.steps.all().delete()
    by_id: dict[str, Step] = {}
    providers = {o.slug: o for o in organizations.values()}
    earned = {c.ctid: c for c in credentials.values()}
    for order, node in enumerate(components):
        key, title = graph.uuid_of(node), graph.name(node)
        if key is None or not title:
            continue
        kind = KINDS[node["@type"]]
        proxy = node.get("ceterms:proxyFor", "")
        stage = graph.term(node, "ceterms:componentDesignation", "stage")
        points = graph.terms(node, "ceterms:componentDesignation", "point")
        min_grade, max_grade = _grades(graph, node, "grades")
        min_age, max_age = _grades(graph, node, "ages")
        step = Step(
            ctdl_id=key,
            pathway=pathway,
            title=title,
            kind=kind,
            stage=stage if stage in Stage.values else Stage.TRAIN,
            audience=graph.term(node, "ceterms:componentDesignation", "audience") or Audience.BOTH,
            description=_description(node, f"{kind.label}: {title}."),
            entry_point="entry" in points,
            exit_point="exit" in points,
            min_grade=min_grade,
            max_grade=max_grade,
            min_age=min_age,
            max_age=max_age,
            provider=providers.get(graph.term(node, "ceterms:componentDesignation", "provider")),
            program=programs.get(proxy)
            or next(
                (programs[p] for p in _list(node.get("ceterms:hasPart")) if p in programs), None
            ),
            credential=credentials.get(proxy)
            or earned.get(graph.term(node, "ceterms:componentDesignation", "credential")),
            occupation=occupations.get(proxy)
            or next(
                (Occupation.objects.filter(soc_code=c).first() for c in _soc(graph, node)[:1]),
                None,
            ),
            order=order,
        )
        try:
            step.full_clean(exclude=["pathway"], validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                graph.problem(node, f"{field}: {' '.join(messages)}")
            continue
        _spanish(step, node, {"ceterms:name": "title", "ceterms:description": "description"})
        step.save()
        by_id[node["@id"]] = step
    for node in components:
        step = by_id.get(node.get("@id"))
        if step is None:
            continue
        for target in _list(node.get("ceterms:precedes")):
            _link(graph, node, step, by_id.get(target), LinkKind.PRECEDES)
        for condition in _list(node.get("ceterms:hasCondition")):
            for before in _list(condition.get("ceterms:targetComponent")):
                _link(graph, node, by_id.get(before), step, LinkKind.PREREQUISITE, reverse=True)


def _link(graph, node, source, target, kind, reverse=False) -> None:
    if source is None or target is None:
        graph.problem(node, _("A link names a component that is not in the graph."))
        return
    link = StepLink(from_step=source, to_step=target, kind=kind)
    try:
        link.full_clean()
    except ValidationError as error:
        graph.problem(node, " ".join(error.messages))
        return
    link.save()


def _spanish(record, node: dict, fields: dict[str, str]) -> None:
    """The Spanish ("es") entries of the node's language maps, into the record's Spanish."""
    for prop, field in fields.items():
        value = node.get(prop)
        spanish = value.get("es", "") if isinstance(value, dict) else ""
        setattr(record, f"{field}_es", str(spanish).strip() or None)


def import_pathway(document, *, by=None, public: bool = False) -> Pathway:
    """Read the pathway of a CTDL graph; raises CtdlImportError and saves nothing on any
    problem. English fills the records' English, and Spanish their Spanish."""
    try:
        with translation.override("en"):
            return _import(document, by=by, public=public)
    except CtdlImportError:
        raise
    except (
        AttributeError,
        DataError,
        IntegrityError,
        KeyError,
        TypeError,
        ValidationError,
        ValueError,
    ) as error:
        # A graph shaped other than the export writes, or one that clashes with records
        # here: nothing was saved (the transaction was rolled back).
        raise CtdlImportError(
            [
                Problem(
                    "",
                    _("The graph could not be read as a pathway (%(error)s).")
                    % {"error": str(error)[:300]},
                )
            ]
        ) from None


def _import(document, *, by=None, public: bool = False) -> Pathway:
    graph = Graph(document)
    pathways = graph.of_type("ceterms:Pathway")
    if len(pathways) != 1:
        raise CtdlImportError(
            [
                Problem(
                    "",
                    _("A graph holds one ceterms:Pathway; this one holds %(n)s.")
                    % {"n": len(pathways)},
                )
            ]
        )
    [node] = pathways
    page = str(node.get("ceterms:subjectWebpage", ""))
    with transaction.atomic():
        organizations = _organizations(graph, page)
        occupations = _occupations(graph)
        credentials = _credentials(graph)
        programs = {}
        for program_node in graph.of_type("ceterms:LearningProgram"):
            program = _program(graph, program_node, organizations, page)
            if program is not None:
                programs[program_node["@id"]] = program
        pathway = _pathway(graph, node, organizations)
        if pathway is not None:
            created = pathway.pk is None
            pathway.public = public or (pathway.public and not created)
            _spanish(pathway, node, {"ceterms:name": "title", "ceterms:description": "summary"})
            pathway.save()
            pathway.target_occupations.set(
                Occupation.objects.filter(soc_code__in=_soc(graph, node))
            )
            _steps(graph, pathway, programs, credentials, occupations, organizations)
        if graph.problems or pathway is None:
            raise CtdlImportError(graph.problems)  # and the transaction is rolled back
        record(pathway, by, _("Read from CTDL"))
    return pathway
