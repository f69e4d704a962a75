"""schema.org JSON-LD for the public pages, so that search engines can list the programs, the
credentials and the jobs of a public pathway (``EducationalOccupationalProgram``,
``EducationalOccupationalCredential``, ``Occupation``)."""

import json

from django.utils.safestring import SafeString, mark_safe

from pathways.models import Pathway

# As json_script escapes: the JSON cannot close its <script> element or open a comment.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _occupation(occupation) -> dict:
    item = {
        "@type": "Occupation",
        "name": occupation.title,
        "occupationalCategory": occupation.soc_code,
    }
    if occupation.median_wage:
        salary = {
            "@type": "MonetaryAmountDistribution",
            "currency": "USD",
            "duration": "P1Y",
            "median": float(occupation.median_wage),
        }
        for name, field_name in (
            ("percentile10", "wage_p10"),
            ("percentile25", "wage_p25"),
            ("percentile75", "wage_p75"),
            ("percentile90", "wage_p90"),
        ):
            if getattr(occupation, field_name) is not None:
                salary[name] = float(getattr(occupation, field_name))
        item["estimatedSalary"] = salary
    return item


def pathway_graph(pathway: Pathway, url: str) -> list[dict]:
    """The pathway's programs, credentials and target jobs as schema.org items."""
    items = []
    steps = pathway.steps.select_related("program__provider", "credential", "occupation")
    for step in steps:
        program = step.program
        if program is not None:
            item = {
                "@type": "EducationalOccupationalProgram",
                "name": program.title,
                "url": url,
                "audience": {"@type": "Audience", "audienceType": step.get_audience_display()},
                "educationalProgramMode": program.get_modality_display(),
            }
            if program.provider_id:
                item["provider"] = {"@type": "Organization", "name": program.provider.name}
            if program.length_months:
                item["timeToComplete"] = f"P{program.length_months}M"
            if program.cost is not None:
                item["offers"] = {
                    "@type": "Offer",
                    "category": "Total cost",
                    "price": float(program.cost),
                    "priceCurrency": "USD",
                }
            if step.occupation_id:
                item["occupationalCategory"] = step.occupation.soc_code
            items.append(item)
        if step.credential_id:
            items.append(
                {
                    "@type": "EducationalOccupationalCredential",
                    "name": step.credential.name,
                    "credentialCategory": step.credential.get_kind_display(),
                    "recognizedBy": {"@type": "Organization", "name": step.credential.issuer},
                }
            )
    items += [_occupation(o) for o in pathway.target_occupations.order_by("title")]
    return items


def _script(document: dict) -> SafeString:
    text = json.dumps(document, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped


def json_ld(pathway: Pathway, url: str) -> SafeString:
    return _script({"@context": "https://schema.org", "@graph": pathway_graph(pathway, url)})


def occupation_json_ld(occupation) -> SafeString:
    return _script({"@context": "https://schema.org", **_occupation(occupation)})
