"""Markdown written by backbone staff, rendered to HTML and sanitized.

markdown-it-py renders CommonMark with raw HTML turned off; nh3 then keeps only the tags
and attributes listed here, so no script, style or event handler can reach a page.
"""

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}


def render_markdown(text: str, top: int = 3) -> SafeString:
    """The same text renders the same way: kept for the texts read most (a bounded number,
    in each process), so that a page shown again does not render and sanitize it again."""
    return mark_safe(_render(text or "", top))  # noqa: S308 - sanitized by nh3 in _render


@lru_cache(maxsize=256)
def _render(text: str, top: int) -> str:
    # The page's own headings own the levels above ``top``: the text's first two levels
    # become h<top> (h3 under a page's h2, h2 right under its h1), and each deeper level one
    # below, so that no level is skipped.
    html = _renderer.render(text)
    shift = top - 2
    for old in (5, 4, 3, 2, 1):
        new = min(6, max(top, old + shift))
        html = html.replace(f"<h{old}>", f"<h{new}>").replace(f"</h{old}>", f"</h{new}>")
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return clean
