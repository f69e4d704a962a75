"""A Spanish-speaking visitor and a Spanish-speaking partner, in Chromium: the pages come in
Spanish from the browser's language, pass axe-core with lang="es", and the switch keeps the
page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_spanish_speaking_visitor_on_a_phone(page, demo_pathways):
    from demo.translations import seed_spanish

    seed_spanish()
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.set_extra_http_headers({"Accept-Language": "es-US,es;q=0.9,en;q=0.5"})
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Buscar una trayectoria profesional")
    assert_accessible(page)
    page.get_by_label("Buscar empleos, programas y trayectorias").fill("enfermer")
    page.get_by_role("link", name="Enfermería y ciencias de la salud").click()
    expect(page.get_by_role("heading", name="Dónde puede comenzar")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    url = page.url
    page.get_by_role("button", name="View in English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == url  # the same page, now in English
    expect(page.get_by_role("heading", name="Where you can start")).to_be_visible()


def test_a_spanish_speaking_partner_reports(page, world, password):
    world.member_a.language = "es"
    world.member_a.save()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, world.member_a.email, password)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="Informes").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informes")
    assert_accessible(page)


def _cases():
    from tests.test_pages_html import CASES

    return CASES


@pytest.mark.parametrize(("role", "entry"), _cases(), ids=[f"{r}-{e}" for r, e in _cases()])
def test_every_page_of_every_role_in_spanish_passes_axe(
    page, world, live_server, password, role, entry
):
    """Each page of tests/test_pages_html.py, in Spanish, checked with axe-core."""
    from tests.test_pages_html import figures as with_figures
    from tests.test_pages_html import url_for

    with_figures.__wrapped__(world)
    url = url_for(world, entry)
    if role != "anonymous":
        log_in(page, getattr(world, role).email, password)
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_accessible(page)
