"""Spanish beside English: a complete catalogue, the language chosen from the browser, the
switch, the profile or the address; every page of every role in Spanish without an English
interface string; emails in each recipient's language; numbers and dates as each language
writes them, while forms and imports keep reading one number format."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import html5lib
import polib
import pytest
from django.conf import settings
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, translation

from communication.models import Notification
from tests.test_pages_html import CASES, figures, url_for  # noqa: F401 - the fixture
from tests.test_reporting import enter, report_url

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
# Written in their own language on purpose: the switch offers the other language in itself.
IN_ITS_OWN_LANGUAGE = {"View in English", "English", "Español"}


def catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def test_every_message_is_translated_and_the_compiled_catalogue_is_current():
    po = catalogue()
    entries = [e for e in po if not e.obsolete]
    assert len(entries) > 1500
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    untranslated = [
        e.msgid
        for e in entries
        if not (e.msgstr if not e.msgid_plural else all(e.msgstr_plural.values()))
    ]
    assert untranslated == []
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(CATALOGUE.with_suffix(".mo")))
        if e.msgid
    }
    written = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in entries}
    assert compiled == written, "compile the catalogue again (README, Languages)"


def test_the_field_s_own_words_are_used():
    translations = {e.msgid: e.msgstr for e in catalogue() if not e.msgid_plural}
    assert translations["Find a career pathway"] == "Buscar una trayectoria profesional"
    assert "credencial" in translations["Credential"].lower()
    assert "aprendizaje basado en el trabajo" in translations["Work-based learning"].lower()


def test_the_browser_s_language_on_a_first_visit(client):
    page = client.get(reverse("login"), headers={"Accept-Language": "es-US,es;q=0.9"})
    assert '<html lang="es">' in page.text
    assert "Iniciar sesión" in page.text
    assert page.headers["Content-Language"] == "es"
    english = client.get(reverse("login"), headers={"Accept-Language": "en-US"})
    assert '<html lang="en">' in english.text


def test_the_switch_keeps_the_page_and_is_remembered(client, public_pathway):
    nursing, _draft = public_pathway
    page = f"/explore/{nursing.slug}/?x=1"
    form = client.get(page).text
    assert 'name="next" value="/explore/nursing/?x=1"' in form
    response = client.post(reverse("set_language"), {"language": "es", "next": page})
    assert response.status_code == 302 and response.url == page
    assert '<html lang="es">' in client.get(page).text  # the cookie remembers it
    # An address elsewhere is not followed, however it is written.
    for elsewhere in (
        "https://x.test/",
        "http://testserver//evil.example/x",
        "//evil.example/x",
        "/\\evil.example/x",
        "javascript:alert(1)",
    ):
        away = client.post(reverse("set_language"), {"language": "en", "next": elsewhere})
        assert away.url == "/", elsewhere
    assert client.post(reverse("set_language"), {}).url == "/"


def test_a_signed_in_person_s_language_is_kept_in_their_profile(world):
    client = world.client(world.member_a)
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    world.member_a.refresh_from_db()
    assert world.member_a.language == "es"
    # In another browser (no cookie), their profile wins over the browser's language.
    other = world.client(world.member_a)
    other.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    home = other.get(reverse("home"), headers={"Accept-Language": "en"})
    assert '<html lang="es">' in home.text
    # And the email preferences page sets it too.
    response = other.post(
        reverse("email_preferences"),
        {"language": "en", "updates": "on", "meetings": "on", "reminders": "on", "reports": "on"},
    )
    assert response.status_code == 302
    world.member_a.refresh_from_db()
    assert world.member_a.language == "en"


def test_an_address_in_another_language_and_the_public_pages_alternates(client, public_pathway):
    nursing, _draft = public_pathway
    url = reverse("explore_pathway", args=[nursing.slug])
    assert '<html lang="es">' in client.get(url, {"lang": "es"}).text
    page = client.get(url).text
    for code in ("en", "es"):
        assert f'hreflang="{code}" href="http://testserver{url}?lang={code}"' in page
    assert 'hreflang="x-default"' in page


def test_emails_and_notifications_are_in_each_recipient_s_language(
    world, django_capture_on_commit_callbacks
):
    from communication.models import Post
    from network.models import WorkingGroup

    group = WorkingGroup.objects.create(slug="stem", name="STEM pathways")
    group.members.set([world.lead_a, world.member_a, world.lead_b])
    world.member_a.language = "es"
    world.member_a.save()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        response = world.client(world.lead_a).post(
            reverse("post_create"),
            {"posting_as": f"group:{group.pk}", "title": "Kick-off", "body": "Hello."},
        )
    assert response.status_code == 302 and Post.objects.exists()
    texts = dict(Notification.objects.values_list("user__email", "text"))
    assert texts[world.member_a.email] == "Se publicó una novedad en STEM pathways: Kick-off"
    assert texts[world.lead_b.email].startswith("New update")
    by_person = {message.to[0]: message for message in mail.outbox}
    spanish, english = by_person[world.member_a.email], by_person[world.lead_b.email]
    assert spanish.extra_headers["Content-Language"] == "es"
    assert "novedad en STEM pathways" in spanish.subject and "preferencias" in spanish.body.lower()
    assert english.extra_headers["Content-Language"] == "en"
    assert "New update" in english.subject


def test_numbers_percentages_and_dates_in_each_language():
    template = Template("{% load commons %}{{ share|percent:1 }} · {{ day|date:'DATE_FORMAT' }}")
    context = Context({"share": Decimal("68.2"), "day": date(2026, 11, 30)})
    with translation.override("es"):
        assert template.render(context) == "68,2 % · 30 de noviembre de 2026"
        assert formats.number_format(Decimal("1250.5"), 1, force_grouping=True) == "1\u00a0250,5"
    with translation.override("en"):
        assert template.render(context) == "68.2% · 30 November 2026"
        assert formats.number_format(Decimal("1250.5"), 1, force_grouping=True) == "1,250.5"


def test_forms_read_one_number_format_in_spanish_too(world):
    client = world.client(world.member_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    refused = enter(client, report_url(world), **{"grad-rate__total__numerator": "1,5"})
    assert refused.status_code == 400
    assert '<html lang="es">' in refused.text
    assert (
        enter(client, report_url(world), **{"enrolled__total__value": "1,200"}).status_code == 302
    )


# Every page of every role, in Spanish, without an English interface string.

ENGLISH = None


def english_messages() -> set[str]:
    """The catalogue's English messages whose Spanish differs, as whole texts."""
    global ENGLISH
    if ENGLISH is None:
        ENGLISH = {
            " ".join(e.msgid.split())
            for e in catalogue()
            if not e.msgid_plural
            and "%" not in e.msgid
            and "<" not in e.msgid
            and e.msgstr != e.msgid
            and len(e.msgid) > 2
        }
    return ENGLISH


def texts(content: bytes) -> set[str]:
    document = html5lib.parse(content, namespaceHTMLElements=False)
    found = set()
    for element in document.iter():
        if element.tag in ("script", "style", "textarea", "code", "pre"):
            continue
        for text in (element.text, element.tail):
            if text and text.strip():
                found.add(" ".join(text.split()))
        for attribute in ("aria-label", "title", "placeholder", "alt"):
            if element.get(attribute):
                found.add(" ".join(element.get(attribute).split()))
    return found


@pytest.mark.parametrize(("role", "entry"), CASES, ids=[f"{r}-{e}" for r, e in CASES])
def test_every_page_in_spanish_has_no_english_interface_string(world, figures, role, entry):  # noqa: F811
    user = None if role == "anonymous" else getattr(world, role)
    client = world.client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get(url_for(world, entry))
    assert response.status_code == 200
    assert re.search(rb'<html lang="es"', response.content)
    left = (texts(response.content) & english_messages()) - IN_ITS_OWN_LANGUAGE
    assert left == set(), left


# Content in both languages.


def test_content_reads_in_the_reader_s_language_and_says_when_it_is_not(client, public_pathway):
    nursing, _draft = public_pathway
    url = reverse("explore_pathway", args=[nursing.slug])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    for _read in ("drawn", "shared"):  # the page's body is drawn once, then shared
        page = client.get(url).text
        assert '<h1><span lang="en">Nursing</span></h1>' in page  # not translated yet: said so
        assert "Partes de esta página aún no están traducidas" in page
    nursing.title_es = "Enfermería"
    nursing.save()
    page = client.get(url).text
    assert "<h1>Enfermería</h1>" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "<h1>Nursing</h1>" in client.get(url).text


def test_backbone_staff_write_content_in_both_languages(world, public_pathway):
    from pathways.models import Pathway

    nursing, _draft = public_pathway
    client = world.client(world.backbone)
    form = client.get(reverse("pathway_edit", args=[nursing.slug])).text
    assert "Title (English)" in form and "Title (Spanish)" in form
    data = {
        "title_en": "Nursing",
        "title_es": "Enfermería",
        "summary_en": nursing.summary or "",
        "summary_es": "De auxiliar a enfermera titulada.",
        "sector": nursing.sector_id,
        "cluster": nursing.cluster_id,
        "owner": nursing.owner_id,
        "public": "on",
    }
    response = client.post(reverse("pathway_edit", args=[nursing.slug]), data)
    assert response.status_code == 302, response.text[:2000]
    nursing = Pathway.objects.get(pk=nursing.pk)
    assert (nursing.title_en, nursing.title_es) == ("Nursing", "Enfermería")


def test_the_demo_s_public_content_is_in_spanish(demo_pathways):
    from demo.translations import seed_spanish
    from pathways.models import Pathway

    seed_spanish()
    for pathway in Pathway.objects.filter(public=True).prefetch_related("steps"):
        assert pathway.title_es and pathway.summary_es, pathway.slug
        for step in pathway.steps.all():
            assert step.title_es, step.title_en
            if step.program_id:
                assert step.program.title_es and step.program.how_to_enrol_es, step.program
            if step.credential_id:
                assert step.credential.name_es, step.credential
        for job in pathway.target_occupations.all():
            assert job.title_es, job.title_en
