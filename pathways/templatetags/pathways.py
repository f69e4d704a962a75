"""Words for a program's terms, as the career explorer writes them."""

from django import template
from django.utils.translation import gettext, ngettext

from pathways.map import dollars
from pathways.models import Program

register = template.Library()


@register.filter
def cost_text(program: Program) -> str:
    """“$650”, “Free”, or “Cost: ask the provider”."""
    if program.cost is None:
        return gettext("Cost: ask the provider")
    if not program.cost:
        return gettext("Free")
    return dollars(program.cost)


@register.filter
def length_text(program: Program) -> str:
    if not program.length_months:
        return gettext("Length: ask the provider")
    return ngettext("%(n)s month", "%(n)s months", program.length_months) % {
        "n": program.length_months
    }


@register.filter
def program_terms(program: Program) -> str:
    """Cost, length, schedule and how it is taught: “$650; 3 months; evenings and weekends;
    in person”."""
    terms = [cost_text(program), length_text(program)]
    if program.schedule:
        terms.append(program.get_schedule_display())
    terms.append(program.get_modality_display())
    return gettext("; ").join(str(t) for t in terms)
