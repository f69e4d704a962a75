"""Template helpers for the activities: commitment counts on the agenda page."""

from django import template

from activities.matrix import commitment_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def commitments_under(context, strategy) -> int:
    """How many commitments are recorded under ``strategy``; one query per page render."""
    counts = context.render_context.get("commitment_counts")
    if counts is None:
        counts = context.render_context["commitment_counts"] = commitment_counts()
    return counts.get(strategy.pk, 0)
