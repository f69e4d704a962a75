"""The house rules that no linter checks (docs/architecture.md, "Layout"). The import ladder
and the absence of import circles are checked by lint-imports (make lint)."""

from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# The project's own apps (those installed from this repository), and the project package.
APPS = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists()] + ["config"]
# Data tables, which read best whole.
DATA_TABLES = {"measures/library.py", "demo/pathway_data.py", "demo/spanish.py"}
MAX_LINES = 600


def product_modules():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                yield relative, path.read_text()


def test_every_app_is_listed():
    packages = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "static", "templates"}
    }
    assert packages == set(APPS)


def test_no_module_is_over_600_lines_except_data_tables():
    long = {
        name: text.count("\n")
        for name, text in product_modules()
        if text.count("\n") > MAX_LINES and name not in DATA_TABLES
    }
    assert long == {}


def test_no_fake_requests_outside_tests():
    assert [name for name, text in product_modules() if "RequestFactory" in text] == []


def test_views_do_not_write_themselves():
    """Writes go through each app's actions.py; a view module opens no transaction."""
    writers = [
        name
        for name, text in product_modules()
        if name.endswith(("views.py", "editing.py")) and "transaction.atomic" in text
    ]
    assert writers == []


def test_no_filter_form_asks_htmx_for_the_current_address():
    """``hx-get=""`` means the current address with its query: each change of a filter then
    adds its parameters again to the address shown (?period=1&period=2…). Forms name their
    path."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if 'hx-get=""' in path.read_text() or "hx-get=''" in path.read_text()
    ]
    assert offenders == []
