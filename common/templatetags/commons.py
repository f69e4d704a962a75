from django import template

from common.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str, top: int = 3):
    """Render Markdown written by backbone staff, sanitized; its headings start at h<top>."""
    return render_markdown(text, int(top))


@register.filter
def percent(value, decimals=1):
    """``68.2`` as the reader's language writes a percentage: "68.2%", "68,2 %"."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    if value is None or value == "":
        return ""
    return gettext("%(number)s%%") % {"number": number_format(value, int(decimals))}


# Text fields written in paragraphs: shown with their line breaks.
PARAGRAPHS = {"summary", "description", "how_to_enrol", "vision", "definition"}


@register.simple_tag(takes_context=True)
def tr(context, obj, field: str, markdown: bool = False):
    """``obj.field`` in the reader's language; where it is not translated yet, the other
    language's text, marked with its ``lang`` (for screen readers), and the page then says
    that parts of it are untranslated (base.html)."""
    from django.conf import settings
    from django.utils.html import format_html, linebreaks
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    value = getattr(obj, field, "") or ""
    paragraphs = markdown or field in PARAGRAPHS
    if markdown:
        shown = render_markdown(value)
    elif paragraphs:
        shown = mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped
    else:
        shown = value
    language = get_language()
    if not value or getattr(obj, f"{field}_{language}", None) or not hasattr(obj, f"{field}_en"):
        return format_html("{}", shown)
    written = next(
        (code for code, _name in settings.LANGUAGES if getattr(obj, f"{field}_{code}", None)),
        settings.LANGUAGE_CODE,
    )
    request = context.get("request")
    if request is not None:
        request.untranslated = True
    if paragraphs:
        return format_html('<div lang="{}">{}</div>', written, shown)
    return format_html('<span lang="{}">{}</span>', written, shown)
