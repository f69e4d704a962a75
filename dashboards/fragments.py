"""The dashboards' figures as cached HTML fragments, shared by every reader of the same kind.

A fragment is cached until the next roll-up or agenda edit; after a roll-up the worker warms
the ones most people open first (``warm_dashboards``, connected to measures'
``figures_changed`` in DashboardsConfig.ready). Views and the worker both render through here,
never through a views module."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from agenda import versions
from dashboards.figures import agenda_figures
from measures.cache import cached
from measures.models import Publication


def fragment_html(template, fragment, parts, context):
    return cached(
        ("html", template, fragment, get_language(), *parts),
        lambda: render_to_string(f"{template}#{fragment}", context()),
        extra=versions.stamp(),
    )


def dashboard_fragment(*, everything: bool, level: str, mode: str, link_prefix: str):
    """The dashboard's goals and figures as HTML, cached; also used to warm the cache."""
    parts = (everything, level, mode, link_prefix)
    context = {"level": level, "link_prefix": link_prefix, "mode": mode}
    return fragment_html(
        "agenda/dashboard.html",
        "goals",
        parts,
        lambda: {**context, **agenda_figures(everything=everything, level=level)},
    )


def warm_dashboards(**_kwargs) -> None:
    """After a roll-up: render the dashboards most people open first, so that their first
    reader does not wait for the figures (connected to measures' figures_changed)."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        for everything in (True, False):
            dashboard_fragment(
                everything=everything, level="", mode="member", link_prefix=reverse("dashboard")
            )
        if Publication.load().public:
            dashboard_fragment(
                everything=False,
                level="",
                mode="public",
                link_prefix=reverse("public_dashboard"),
            )
