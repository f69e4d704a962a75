"""htmx helpers: one URL serves a page and, for htmx requests that are not boosted, its fragment."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def is_fragment_request(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


def render_page(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    fragment: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render ``template``, or ``template#fragment`` when htmx asks for a part of the page."""
    name = f"{template}#{fragment}" if fragment and is_fragment_request(request) else template
    response = render(request, name, context, status=status)
    response.headers["Vary"] = "HX-Request"
    return response


def page_around(
    request: HttpRequest,
    template: str,
    html: str,
    context: dict | None = None,
    *,
    key: str = "page_html",
    status: int = 200,
) -> HttpResponse:
    """``html``, drawn once and shared, alone for htmx asking for that part of the page;
    otherwise inside ``template`` (as ``key``), which is drawn for this request."""
    if is_fragment_request(request):
        response = HttpResponse(html, status=status)
    else:
        response = render(request, template, {**(context or {}), key: html}, status=status)
    response.headers["Vary"] = "HX-Request"
    return response
