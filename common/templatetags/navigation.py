"""The main navigation of a signed-in page, drawn once per process for each kind of page.

The links depend only on the language, the page (which link is current), and three facts
about the reader (backbone staff, a partner, may open the dashboard); the code and the
translations do not change while a process runs. So each combination is drawn once and kept,
rather than reversing fifteen addresses on every request.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()

_drawn: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def main_nav(context) -> str:
    request = context["request"]
    roles = context["roles"]
    match = getattr(request, "resolver_match", None)
    published = context.get("dashboards_published")  # lazy: read only when it decides
    facts = {
        "current": match.url_name if match else None,
        "backbone": roles.backbone,
        "reports": roles.backbone or roles.partner,
        "dashboard": not roles.read_only or roles.backbone or bool(published),
    }
    key = (translation.get_language(), get_script_prefix(), *facts.values())
    html = _drawn.get(key)
    if html is None:
        html = _drawn[key] = render_to_string("includes/main_nav.html", facts)
    return mark_safe(html)  # noqa: S308 (drawn from the project's own template)
