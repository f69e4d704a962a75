import unicodedata


def normalize_login(text: str) -> str:
    """An email address as the product compares it: Unicode NFKC, no surrounding spaces,
    case folded. Lockout and lookup both use it, and the lookup matches it exactly, so no
    spelling of an address (capitals, a dotless ı, full-width letters) reaches an account
    with a fresh budget of attempts."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def axes_username(request, credentials) -> str | None:
    """The login's email address, normalised, so that no spelling of it dodges a lockout."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return normalize_login(username) if username else None
