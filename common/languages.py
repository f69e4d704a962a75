"""The language a person reads in.

Django's LocaleMiddleware picks it from the language cookie (set by the switch on every page)
or, on a first visit, the browser's Accept-Language. On top of that, in this order:

- ``?lang=es`` on any address (the ``hreflang`` alternates of the public pages, or a link
  someone shared) shows that page in that language, and the switch remembers nothing;
- a signed-in person's own language (``User.language``, set by the switch or their profile)
  wins over the browser's when they have not switched in this browser.

The same ``language_of(user)`` chooses the language of a person's emails and notifications.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

CODES = {code for code, _name in settings.LANGUAGES}


def language_of(user) -> str:
    """The language ``user`` reads in: their own, else the site's."""
    language = getattr(user, "language", "") or ""
    return language if language in CODES else settings.LANGUAGE_CODE


def in_language_of(user, render: Callable[[], str]) -> str:
    """``render()`` in ``user``'s language: for text written for someone else than the
    person whose request is running (a notification, an email)."""
    with translation.override(language_of(user)):
        return str(render())


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        asked = request.GET.get("lang", "")
        user = getattr(request, "user", None)
        language = None
        if asked in CODES:
            language = asked
        elif (
            user is not None
            and user.is_authenticated
            and user.language in CODES
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        ):
            language = user.language
        if language and language != request.LANGUAGE_CODE:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch: remember the choice (the cookie, and a signed-in person's
    profile) and go back to the same page, in the new language."""
    language = request.POST.get("language", "")
    parts = urlsplit(request.POST.get("next", ""))
    # Only a path of this site: never a scheme, a host, or a path that a browser would read
    # as another host ("//elsewhere", "/\\elsewhere").
    path = parts.path if not (parts.scheme or parts.netloc) else ""
    if not path.startswith("/") or path[1:2] in ("/", "\\"):
        path = "/"
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("lang="))
    back = (translate_url(path, language) if language in CODES else path) + (
        f"?{query}" if query else ""
    )
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or back.startswith("//"):
        back = "/"
    if language not in CODES:
        return HttpResponseRedirect(back)
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
