"""What a page reads several times, read once per request.

A page asks for the same small facts from several places (the figures' stamp, the
publication settings): within one reading request (GET or HEAD) the first answer is kept and
given again. A request that writes (any other method), a task and a command always read
afresh, so nothing they change is hidden from them by an answer read before the change.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

READING_METHODS = frozenset({"GET", "HEAD"})

_answers: ContextVar[dict | None] = ContextVar("request_answers", default=None)


def once(key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per reading request; every time elsewhere."""
    answers = _answers.get()
    if answers is None:
        return compute()
    if key not in answers:
        answers[key] = compute()
    return answers[key]


class RequestScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _answers.set({} if request.method in READING_METHODS else None)
        try:
            return self.get_response(request)
        finally:
            _answers.reset(token)
