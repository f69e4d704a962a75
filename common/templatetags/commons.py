from django import template

from common.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render Markdown written by backbone staff, sanitized."""
    return render_markdown(text)


@register.filter
def percent(value, decimals=1):
    """``68.2`` as the reader's language writes a percentage: "68.2%", "68,2 %"."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    if value is None or value == "":
        return ""
    return gettext("%(number)s%%") % {"number": number_format(value, int(decimals))}
