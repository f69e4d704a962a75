"""Marks for views that the access layer reads."""


def open_to_read_only(view):
    """Mark a view whose writes concern only the person's own account (signing in and out,
    their password, tokens, email preferences and notifications), so the read-only middleware
    lets a funder POST to it. The view's own access checks still apply."""
    view.open_to_read_only = True
    return view
