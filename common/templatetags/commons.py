from django import template

from common.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render Markdown written by backbone staff, sanitized."""
    return render_markdown(text)
