def axes_username(request, credentials) -> str | None:
    """The login's email address, lower-cased, so that case changes do not dodge a lockout."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return username.strip().lower() if username else None
