"""Words the site's own addresses use where a short name (slug) would stand."""

from functools import cache

from django import forms
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.translation import gettext as _


def _routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield pattern.name, prefix + str(pattern.pattern)


@cache
def reserved_words(*route_names: str) -> frozenset[str]:
    """The fixed words that stand, in any route, where these routes take their ``<slug:…>``:
    for ``organizations/<slug:slug>/`` that is ``new`` (``organizations/new/``); for
    ``reports/<slug:slug>/<str:period>/``, ``review``, ``calendar`` and ``import``. A short
    name equal to one would be hidden by that page."""
    routes = list(_routes())
    words = set()
    for name, route in routes:
        if name not in route_names:
            continue
        parts = route.split("/")
        at = next(i for i, part in enumerate(parts) if part.startswith("<slug:"))
        for _other_name, other in routes:
            segments = other.split("/")
            if len(segments) > at and segments[:at] == parts[:at]:
                word = segments[at]
                if word and not word.startswith("<"):
                    words.add(word)
    return frozenset(words)


def check_not_reserved(slug: str, *route_names: str) -> str:
    """``slug``, or a form error when the site's addresses use it (``reserved_words``)."""
    if slug in reserved_words(*route_names):
        raise forms.ValidationError(
            _("“%(slug)s” is a word the site uses in its addresses: choose another."),
            params={"slug": slug},
            code="reserved",
        )
    return slug
