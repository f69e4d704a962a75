"""A public pathway as CTDL JSON-LD: the Credential Transparency Description Language that
credential registries (Credential Engine's among them) and state pathway tools read.

One document per pathway, a graph (``@context``, ``@id``, ``@graph``) that holds:

- the ``ceterms:Pathway`` first, with ``ceterms:hasPart`` (every component),
  ``ceterms:hasDestinationComponent`` and ``ceasn:hasChild`` (its destination);
- a component per step, by kind: ``CourseComponent``, ``BasicComponent`` (a program, with
  ``componentCategory`` "Program"), ``CredentialComponent`` (with ``credentialType``),
  ``WorkExperienceComponent``, ``JobComponent`` (with the SOC code); ``ceterms:proxyFor`` names
  the program, credential or occupation it stands for; "leads to" links are
  ``ceterms:precedes``, "required before" links a ``ceterms:ComponentCondition``; a step's
  children (``ceasn:hasChild``) are the steps that come before it;
- the resources the components stand for, so that one address gives the whole pathway: each
  program a ``ceterms:LearningProgram``, each credential its CTDL class, each occupation a
  ``ceterms:Occupation``, and the organizations that own, offer and assert them.

Every class carries what Credential Engine's minimum data policy requires of it
(``REQUIRED`` below; ``tests/test_ctdl.py`` checks each node against it). Identifiers: a CTID
is ``ce-`` and a UUID, stored for pathways, steps, programs and credentials (never changing),
and derived for organizations (from their short name) and occupations (from their SOC code).
``@id`` is the address the resource has in the registry, ``…/resources/<CTID>``.

What CTDL has no property for (a step's stage, audience, grades and ages, entry and exit
points; a program's exact schedule; the pathway's sector and career cluster) is written as
alignments to this app's own small frameworks (``…/explore/ctdl/terms/<name>``), so that
``pathways.ctdl_import`` reads the pathway back as it was.
"""

import uuid

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from modeltranslation.utils import fallbacks

from partners.models import Organization
from pathways.ctdl_terms import (
    AGENT_SECTOR,
    AGENT_TYPE,
    CIP_FRAMEWORK,
    CLUSTER_FRAMEWORK,
    COMPONENT_TYPES,
    CREDENTIAL_TYPES,
    DELIVERY,
    NAICS_FRAMEWORK,
    SCHEDULE_TIMING,
    SOC_FRAMEWORK,
)
from pathways.models import (
    STAGE_ORDER,
    Credential,
    LinkKind,
    Occupation,
    Pathway,
    Program,
    Step,
    StepKind,
    StepLink,
)

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
LANGUAGE = "en-US"
# The namespace of the CTIDs this app derives (organizations, occupations): fixed forever.
NAMESPACE = uuid.UUID("5b0c6a4e-8f0b-4d59-9a53-2f1d3b6e7c10")

REQUIRED = {
    "ceterms:Pathway": (
        "ceterms:ctid",
        "ceterms:name",
        "ceterms:description",
        "ceterms:ownedBy",
        "ceterms:lifeCycleStatusType",
        "ceterms:hasDestinationComponent",
    ),
    "component": ("ceterms:ctid", "ceterms:name", "ceterms:description", "ceasn:isPartOf"),
    "ceterms:CredentialComponent": ("ceterms:credentialType",),
    "credential": (
        "ceterms:ctid",
        "ceterms:name",
        "ceterms:description",
        "ceterms:ownedBy",
        "ceterms:credentialStatusType",
        "ceterms:subjectWebpage",
        "ceterms:inLanguage",
    ),
    "ceterms:LearningProgram": (
        "ceterms:ctid",
        "ceterms:name",
        "ceterms:description",
        "ceterms:lifeCycleStatusType",
        "ceterms:offeredBy",
        "ceterms:subjectWebpage",
        "ceterms:inLanguage",
    ),
    "ceterms:Occupation": (
        "ceterms:ctid",
        "ceterms:name",
        "ceterms:description",
        "ceterms:assertedBy",
    ),
    "ceterms:CredentialOrganization": (
        "ceterms:ctid",
        "ceterms:name",
        "ceterms:description",
        "ceterms:subjectWebpage",
        "ceterms:agentType",
        "ceterms:agentSectorType",
    ),
}
MIN_DESCRIPTION = 15  # characters, as the registry asks


def text(value: str) -> dict:
    """A CTDL language map."""
    return {LANGUAGE: value}


def resource_id(ctid: str) -> str:
    return f"{settings.CTDL_RESOURCE_BASE}{ctid}"


def derived_ctid(kind: str, key: str) -> str:
    return f"ce-{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def organization_ctid(organization: Organization) -> str:
    return derived_ctid("organization", organization.slug)


def occupation_ctid(occupation: Occupation) -> str:
    return derived_ctid("soc", occupation.soc_code)


def alignment(framework: str, framework_name: str, node: str, name: str, code: str = "") -> dict:
    item = {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": framework,
        "ceterms:frameworkName": text(framework_name),
        "ceterms:targetNode": node,
        "ceterms:targetNodeName": text(name),
    }
    if code:
        item["ceterms:codedNotation"] = code
    return item


def concept(scheme: str, scheme_name: str, node: str, name: str) -> dict:
    return alignment(f"https://credreg.net/ctdl/terms/{scheme}", scheme_name, node, name)


ACTIVE = concept("LifeCycleStatus", "Life Cycle Status", "lifeCycle:Active", "Active")
CREDENTIAL_ACTIVE = concept(
    "CredentialStatus", "Credential Status", "credentialStat:Active", "Active"
)


class Terms:
    """This app's own frameworks, for what CTDL has no property for."""

    def __init__(self, base_url: str):
        self.base = f"{base_url}ctdl/terms/"

    def framework(self, name: str) -> str:
        return f"{self.base}{name}"

    def item(self, name: str, framework_name: str, code: str, label: str) -> dict:
        return alignment(
            self.framework(name), framework_name, f"{self.base}{name}/{code}", label, code
        )


def described(description: str, fallback: str) -> dict:
    """A description long enough for the registry: the record's own, or ``fallback``."""
    description = " ".join(description.split())
    return text(description if len(description) >= MIN_DESCRIPTION else fallback)


def soc(occupation: Occupation) -> dict:
    return alignment(
        SOC_FRAMEWORK[0],
        SOC_FRAMEWORK[1],
        f"https://www.onetonline.org/link/summary/{occupation.soc_code}.00",
        occupation.title,
        occupation.soc_code,
    )


def _organization(organization: Organization, assumed_site: str) -> dict:
    agent_type = AGENT_TYPE[organization.sector_type]
    sector = AGENT_SECTOR.get(organization.sector_type, ("agentSector:Public", "Public"))
    return {
        "@id": resource_id(organization_ctid(organization)),
        "@type": "ceterms:CredentialOrganization",
        "ceterms:ctid": organization_ctid(organization),
        "ceterms:name": text(organization.name),
        "ceterms:description": described(
            organization.description,
            f"{organization.name}: {organization.get_sector_type_display()}.",
        ),
        "ceterms:subjectWebpage": organization.website or assumed_site,
        "ceterms:agentType": [concept("OrganizationType", "Organization Type", *agent_type)],
        "ceterms:agentSectorType": concept("AgentSector", "Agent Sector", *sector),
        "ceterms:lifeCycleStatusType": ACTIVE,
    }


def _program(program: Program, page: str, terms: Terms) -> dict:
    provider = resource_id(organization_ctid(program.provider))
    node = {
        "@id": resource_id(program.ctid),
        "@type": "ceterms:LearningProgram",
        "ceterms:ctid": program.ctid,
        "ceterms:name": text(program.title),
        "ceterms:description": described(
            program.description, f"{program.title}, offered by {program.provider.name}."
        ),
        "ceterms:lifeCycleStatusType": ACTIVE,
        "ceterms:ownedBy": [provider],
        "ceterms:offeredBy": [provider],
        "ceterms:subjectWebpage": program.enrol_url or page,
        "ceterms:inLanguage": [LANGUAGE],
        "ceterms:instructionalProgramType": [
            alignment(
                CIP_FRAMEWORK[0],
                CIP_FRAMEWORK[1],
                f"https://nces.ed.gov/ipeds/cipcode/cipdetail.aspx?y=56&cip={program.cip_code}",
                program.title,
                program.cip_code,
            )
        ],
        "ceterms:deliveryType": [concept("Delivery", "Delivery Type", *DELIVERY[program.modality])],
        "ceterms:audienceLevelType": [
            terms.item(
                "award", "Award level", program.award_level, program.get_award_level_display()
            )
        ],
        "ceterms:audienceType": [
            terms.item("audience", "Audience", program.audience, program.get_audience_display())
        ],
    }
    if program.cost is not None:
        node["ceterms:estimatedCost"] = [
            {
                "@type": "ceterms:CostProfile",
                "ceterms:name": text("Total cost"),
                "ceterms:description": text(f"The cost of {program.title} in all."),
                "ceterms:directCostType": concept(
                    "CostType", "Cost Type", "costType:AggregateCost", "Total cost"
                ),
                "ceterms:price": float(program.cost),
                "ceterms:currency": "USD",
            }
        ]
    if program.length_months:
        node["ceterms:estimatedDuration"] = [
            {
                "@type": "ceterms:DurationProfile",
                "ceterms:exactDuration": f"P{program.length_months}M",
            }
        ]
    if program.schedule:
        timing = [
            concept("ScheduleTiming", "Schedule Timing", *pair)
            for pair in SCHEDULE_TIMING.get(program.schedule, [])
        ]
        timing.append(
            terms.item("schedule", "Schedule", program.schedule, program.get_schedule_display())
        )
        node["ceterms:scheduleTimingType"] = timing
    if program.location:
        node["ceterms:availableAt"] = [
            {"@type": "ceterms:Place", "ceterms:name": text(program.location)}
        ]
    if program.how_to_enrol:
        node["ceterms:requires"] = [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:name": text("How to enrol"),
                "ceterms:description": text(program.how_to_enrol),
            }
        ]
    return node


def _credential(credential: Credential, page: str, issuer: str, in_graph: set[int]) -> dict:
    node = {
        "@id": resource_id(credential.ctid),
        "@type": CREDENTIAL_TYPES[credential.kind],
        "ceterms:ctid": credential.ctid,
        "ceterms:name": text(credential.name),
        "ceterms:description": text(
            f"{credential.get_kind_display()}: {credential.name}, issued by {credential.issuer}."
        ),
        "ceterms:ownedBy": [issuer],
        "ceterms:credentialStatusType": CREDENTIAL_ACTIVE,
        "ceterms:subjectWebpage": page,
        "ceterms:inLanguage": [LANGUAGE],
    }
    into = [resource_id(c.ctid) for c in credential.stacks_into.all() if c.pk in in_graph]
    if into:
        node["ceterms:isPartOf"] = sorted(into)
    return node


def _issuer(name: str) -> dict:
    """A credential's issuer, known by name only: a blank node."""
    return {
        "@id": f"_:{uuid.uuid5(NAMESPACE, f'issuer:{name}')}",
        "@type": "ceterms:CredentialOrganization",
        "ceterms:name": text(name),
    }


def _occupation(occupation: Occupation, asserted_by: str) -> dict:
    facts = f"{occupation.title}: an occupation of the SOC 2018 ({occupation.soc_code})."
    if occupation.median_wage:
        facts += (
            f" Median annual wage ${occupation.median_wage:,.0f}"
            f" ({occupation.source}, {occupation.period})."
        )
    return {
        "@id": resource_id(occupation_ctid(occupation)),
        "@type": "ceterms:Occupation",
        "ceterms:ctid": occupation_ctid(occupation),
        "ceterms:name": text(occupation.title),
        "ceterms:description": text(facts),
        "ceterms:assertedBy": [asserted_by],
        "ceterms:occupationType": [soc(occupation)],
    }


def _destination(steps: list[Step], pathway: Pathway) -> Step:
    """The component the pathway leads to: the furthest job among its target jobs, else the
    furthest exit point, else the furthest step."""
    targets = {o.pk for o in pathway.target_occupations.all()}

    def furthest(candidates):
        return max(candidates, key=lambda s: (STAGE_ORDER[s.stage], s.order, s.pk), default=None)

    return (
        furthest([s for s in steps if s.kind == StepKind.JOB and s.occupation_id in targets])
        or furthest([s for s in steps if s.exit_point])
        or furthest(steps)
    )


def _component(step: Step, pathway_id: str, terms: Terms) -> dict:
    kind = COMPONENT_TYPES[step.kind]
    node = {
        "@id": resource_id(step.ctid),
        "@type": kind,
        "ceterms:ctid": step.ctid,
        "ceterms:name": text(step.title),
        "ceterms:description": described(
            step.description, f"{step.get_kind_display()}: {step.title}."
        ),
        "ceterms:isPartOf": [pathway_id],
        "ceasn:isPartOf": [pathway_id],
    }
    designations = [
        terms.item("stage", "Stage", step.stage, step.get_stage_display()),
        terms.item("audience", "Audience", step.audience, step.get_audience_display()),
    ]
    if step.entry_point:
        designations.append(terms.item("point", "Entry and exit points", "entry", "Entry point"))
    if step.exit_point:
        designations.append(terms.item("point", "Entry and exit points", "exit", "Exit point"))
    for name, label, low, high in (
        ("grades", "Grades", step.min_grade, step.max_grade),
        ("ages", "Ages", step.min_age, step.max_age),
    ):
        if low is not None or high is not None:
            code = f"{'' if low is None else low}-{'' if high is None else high}"
            designations.append(terms.item(name, label, code, f"{label} {code}"))
    if step.provider_id:
        designations.append(
            terms.item("provider", "Provider", step.provider.slug, step.provider.name)
        )
    if step.credential_id and step.kind != StepKind.CREDENTIAL:  # the credential it earns
        designations.append(
            terms.item(
                "credential", "Credential earned", step.credential.ctid, step.credential.name
            )
        )
    node["ceterms:componentDesignation"] = designations
    if step.kind == StepKind.CREDENTIAL and step.credential_id:
        node["ceterms:proxyFor"] = resource_id(step.credential.ctid)
        node["ceterms:credentialType"] = CREDENTIAL_TYPES[step.credential.kind]
        if step.program_id:
            node["ceterms:hasPart"] = [resource_id(step.program.ctid)]
    elif step.program_id:
        node["ceterms:proxyFor"] = resource_id(step.program.ctid)
        if step.kind == StepKind.PROGRAM:
            node["ceterms:componentCategory"] = text("Program")
    if step.occupation_id:
        node["ceterms:occupationType"] = [soc(step.occupation)]
        if step.kind == StepKind.JOB:
            node["ceterms:proxyFor"] = resource_id(occupation_ctid(step.occupation))
    return node


# What each node's name and description are written from, for its Spanish ("es") entries.
SPANISH = {
    "ceterms:Pathway": {"ceterms:name": "title", "ceterms:description": "summary"},
    "component": {"ceterms:name": "title", "ceterms:description": "description"},
    "ceterms:LearningProgram": {"ceterms:name": "title", "ceterms:description": "description"},
    "credential": {"ceterms:name": "name"},
    "ceterms:Occupation": {"ceterms:name": "title"},
}


def _add_spanish(node: dict, record, kind: str) -> None:
    """The record's Spanish beside its English in the node's language maps."""
    for prop, field in SPANISH[kind].items():
        spanish = getattr(record, f"{field}_es", None)
        if spanish and prop in node:
            node[prop]["es"] = spanish
    if kind == "ceterms:LearningProgram" and getattr(record, "how_to_enrol_es", None):
        node["ceterms:requires"][0]["ceterms:description"]["es"] = record.how_to_enrol_es


def export_pathway(pathway: Pathway, *, base_url: str) -> dict:
    """The CTDL graph of ``pathway``, whatever the reader's language: English, with the
    Spanish beside it where written. ``base_url`` is the explorer's absolute address."""
    # English as written: never the Spanish that would stand in for a missing English text.
    with translation.override("en"), fallbacks(False):
        return _export(pathway, base_url)


def _export(pathway: Pathway, base_url: str) -> dict:
    terms = Terms(base_url)
    page = f"{base_url}{pathway.slug}/"
    steps = list(
        Step.objects.filter(pathway=pathway)
        .select_related("provider", "program__provider", "credential", "occupation")
        .prefetch_related(
            Prefetch("credential__stacks_into", queryset=Credential.objects.order_by("pk"))
        )
        .order_by("order", "pk")
    )
    links = list(StepLink.objects.filter(from_step__pathway=pathway).order_by("pk"))
    targets = list(pathway.target_occupations.order_by("soc_code"))
    pathway_id = resource_id(pathway.ctid)
    owner_id = resource_id(organization_ctid(pathway.owner))
    by_pk = {step.pk: step for step in steps}
    destination = _destination(steps, pathway)

    components = {step.pk: _component(step, pathway_id, terms) for step in steps}
    children: dict[int, list[str]] = {}
    conditions: dict[int, list[str]] = {}
    for link in links:
        source, target = by_pk[link.from_step_id], by_pk[link.to_step_id]
        children.setdefault(target.pk, []).append(resource_id(source.ctid))
        if link.kind == LinkKind.PREREQUISITE:
            conditions.setdefault(target.pk, []).append(resource_id(source.ctid))
        else:
            components[source.pk].setdefault("ceterms:precedes", []).append(
                resource_id(target.ctid)
            )
    for pk, before in children.items():
        components[pk]["ceasn:hasChild"] = sorted(before)
    for pk, required in conditions.items():
        components[pk]["ceterms:hasCondition"] = [
            {
                "@type": "ceterms:ComponentCondition",
                "ceterms:name": text("Required before"),
                "ceterms:description": text(
                    "Complete every one of these steps first: "
                    + "; ".join(by_pk[pk].title for pk in _pks(required, by_pk))
                    + "."
                ),
                "ceterms:requiredNumber": len(required),
                "ceterms:logicalOperator": "logic:And",
                "ceterms:targetComponent": sorted(required),
            }
        ]
    for component in components.values():
        if "ceterms:precedes" in component:
            component["ceterms:precedes"].sort()

    node = {
        "@id": pathway_id,
        "@type": "ceterms:Pathway",
        "ceterms:ctid": pathway.ctid,
        "ceterms:name": text(pathway.title),
        "ceterms:description": described(
            pathway.summary, f"A career pathway in {pathway.sector.name}: {pathway.title}."
        ),
        "ceterms:ownedBy": [owner_id],
        "ceterms:subjectWebpage": page,
        "ceterms:lifeCycleStatusType": ACTIVE,
        "ceterms:hasPart": [resource_id(step.ctid) for step in steps],
        "ceterms:industryType": [
            terms.item("sector", "Sector", pathway.sector.slug, pathway.sector.name),
            *(
                alignment(
                    NAICS_FRAMEWORK[0],
                    NAICS_FRAMEWORK[1],
                    f"https://www.naics.com/naics-code-description/?code={code}",
                    code,
                    code,
                )
                for code in _naics(pathway.sector.naics_codes)
            ),
        ],
        "ceterms:subject": [
            terms.item("cluster", CLUSTER_FRAMEWORK, pathway.cluster.code, pathway.cluster.name)
        ],
        "ceterms:occupationType": [soc(o) for o in targets],
    }
    if destination is not None:
        destination_id = resource_id(destination.ctid)
        node["ceterms:hasDestinationComponent"] = [destination_id]
        node["ceasn:hasChild"] = [destination_id]
        components[destination.pk]["ceterms:isDestinationComponentOf"] = [pathway_id]

    programs = {s.program.pk: s.program for s in steps if s.program_id}
    credentials: dict[int, Credential] = {}
    for step in steps:
        if step.credential_id:
            credentials[step.credential.pk] = step.credential
            for into in step.credential.stacks_into.all():
                credentials.setdefault(into.pk, into)
    occupations = {o.pk: o for o in targets}
    occupations.update({s.occupation.pk: s.occupation for s in steps if s.occupation_id})
    organizations = {pathway.owner.pk: pathway.owner}
    organizations.update({p.provider.pk: p.provider for p in programs.values()})
    organizations.update({s.provider.pk: s.provider for s in steps if s.provider_id})

    issuers = {c.issuer: _issuer(c.issuer) for c in credentials.values()}
    _add_spanish(node, pathway, "ceterms:Pathway")
    for step in steps:
        _add_spanish(components[step.pk], step, "component")
    graph = [node, *(components[step.pk] for step in steps)]
    for program in sorted(programs.values(), key=lambda p: p.ctid):
        graph.append(_program(program, page, terms))
        _add_spanish(graph[-1], program, "ceterms:LearningProgram")
    for credential in sorted(credentials.values(), key=lambda c: c.ctid):
        graph.append(
            _credential(credential, page, issuers[credential.issuer]["@id"], set(credentials))
        )
        _add_spanish(graph[-1], credential, "credential")
    for occupation in sorted(occupations.values(), key=lambda o: o.soc_code):
        graph.append(_occupation(occupation, owner_id))
        _add_spanish(graph[-1], occupation, "ceterms:Occupation")
    graph += [_organization(o, page) for o in sorted(organizations.values(), key=lambda o: o.slug)]
    graph += [issuers[name] for name in sorted(issuers)]
    return {
        "@context": CONTEXT,
        "@id": f"{settings.CTDL_GRAPH_BASE}{pathway.ctid}",
        "@graph": graph,
    }


def _pks(ids: list[str], by_pk: dict[int, Step]) -> list[int]:
    by_id = {resource_id(step.ctid): pk for pk, step in by_pk.items()}
    return sorted((by_id[i] for i in ids), key=lambda pk: (by_pk[pk].order, pk))


def _naics(codes: str) -> list[str]:
    return [c.strip() for c in codes.split(",") if c.strip()]
