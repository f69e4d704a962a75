"""Requests refused before any view sees them."""

import re
from urllib.parse import unquote_to_bytes

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# C0 control characters and DEL, except tab, line feed and carriage return, which forms use.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
API_PREFIX = "/api/"


class RejectControlCharactersMiddleware:
    """A NUL byte or another control character in the path, the query string or a form field
    is never meant: answer 400 with a message (the API in its JSON error form) rather than
    letting it reach the database, which refuses NUL in text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_control(request):
            message = _(
                "The request contains a control character (such as a NUL byte), which no "
                "field accepts. Remove it and try again."
            )
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"error": message}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_control(request) -> bool:
        raw_query = unquote_to_bytes(request.META.get("QUERY_STRING", "")).decode(
            "utf-8", "replace"
        )
        if CONTROL.search(request.path) or CONTROL.search(raw_query):
            return True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            return any(
                CONTROL.search(value) for values in request.POST.lists() for value in values[1]
            )
        return False
