"""The page header, drawn once per process for each kind of page.

The header depends on the language, the page (which link is current), and a few facts about
the reader (signed in or not, backbone staff, a partner, may open the dashboard, the role
shown), which the code and the translations fix while a process runs; only the reader's name,
their unread count, the CSRF token and the address to come back to after switching language
are their own. So each kind is drawn once, from ``includes/site_header.html``, with
placeholders for those four, which each request fills in (escaped), rather than reversing
twenty addresses and translating twenty labels on every request.
"""

import re
from functools import lru_cache

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# Placeholders: plain words that escaping leaves as they are and no page text contains.
NAME, UNREAD, CSRF, NEXT = (
    f"pc-header-{part}-0f5c1d" for part in ("name", "unread", "csrf", "next")
)

PLACEHOLDERS = re.compile("|".join(re.escape(p) for p in (NAME, UNREAD, CSRF, NEXT)))


def _facts(context) -> dict:
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    facts = {"current": match.url_name if match else None, "authenticated": False}
    user = context.get("user")
    if user is not None and user.is_authenticated:
        roles = context["roles"]
        published = context.get("dashboards_published")  # lazy: read only when it decides
        facts.update(
            authenticated=True,
            backbone=roles.backbone,
            reports=roles.backbone or roles.partner,
            dashboard=not roles.read_only or roles.backbone or bool(published),
            role_label=roles.label,
        )
    return facts


@lru_cache(maxsize=1024)
def _drawn(language: str, prefix: str, items: tuple) -> str:
    """``language`` and ``prefix`` are the active ones: they key what is drawn."""
    return _draw(dict(items))


def _draw(facts: dict) -> str:
    nav = ""
    if facts["authenticated"]:
        nav = render_to_string("includes/main_nav.html", facts)
    return render_to_string(
        "includes/site_header.html",
        {
            **facts,
            "nav_html": mark_safe(nav),  # noqa: S308 (drawn from the project's own template)
            "full_name": NAME,
            "unread_html": UNREAD,
            "csrf_token": CSRF,
            "next_path": NEXT,
        },
    )


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    request = context["request"]
    facts = _facts(context)
    html = _drawn(translation.get_language(), get_script_prefix(), tuple(sorted(facts.items())))
    own = {CSRF: escape(get_token(request)), NEXT: escape(request.get_full_path())}
    if facts["authenticated"]:
        user = context["user"]
        own[NAME] = escape(user.get_full_name())
        own[UNREAD] = render_to_string("communication/_unread_count.html", {"user": user})
    # One pass: what is filled in is never searched again for a placeholder.
    html = PLACEHOLDERS.sub(lambda found: own.get(found.group(0), ""), html)
    return mark_safe(html)  # noqa: S308 (the project's template; the reader's parts escaped)
