"""Log in by email, wrong passwords and lockout, log out, change and reset a password."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_log_in_by_email_and_out(world, client, password):
    response = login(client, "LEAD.A@example.org", password)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert "Welcome" in client.get(reverse("home")).text
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_says_so_and_counts_toward_lockout(world, client, settings):
    response = login(client, "lead.a@example.org", "not-the-password")
    assert response.status_code == 200
    assert "That email address and password do not match an account." in response.text
    assert AccessAttempt.objects.get(username="lead.a@example.org").failures_since_start == 1


def test_repeated_failures_lock_the_account_out(world, client, password, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # Changing the case of the address does not start a fresh count.
        login(client, "Lead.A@example.org" if attempt % 2 else "lead.a@example.org", "wrong")
    response = login(client, "lead.a@example.org", password)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    # Other people are not locked out.
    assert login(client, "member.a@example.org", password).status_code == 302


def test_change_password(world, password):
    client = world.client(world.member_a)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 302
    world.member_a.refresh_from_db()
    assert world.member_a.check_password("a-new-long-passphrase")


def test_reset_password_by_email(world, client):
    response = client.post(reverse("password_reset"), {"email": "member.a@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    response = client.get(link.group(1), follow=True)
    assert "Choose a new password" in response.text
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "fresh-long-passphrase", "new_password2": "fresh-long-passphrase"},
    )
    assert response.status_code == 302
    assert login(client, "member.a@example.org", "fresh-long-passphrase").status_code == 302


def test_reset_for_unknown_address_reveals_nothing(db, client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_dotless_i_does_not_dodge_a_lockout(world, client, password, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "lead.a@example.org", "wrong")
    assert login(client, "lead.a@example.org", password).status_code == 429
    # U+0131 (dotless ı) and full-width letters: before, PostgreSQL's UPPER() matched the
    # account while the lockout counted another address, so the right password logged in.
    for spelling in ("lead.a@example.org".replace("i", "\u0131"), "ｌead.a@example.org"):
        response = login(client, spelling, password)
        assert response.status_code != 302, spelling
        assert "_auth_user_id" not in client.session


def test_a_stored_address_is_normalised():
    from partners.models import User

    assert User(email=" Lead.A@Example.ORG ").email == " Lead.A@Example.ORG "
    user = User.objects.create_user(email="ＭＩＸＥＤ@Example.org", password="x" * 12)
    assert user.email == "mixed@example.org"
    assert User.objects.get_by_natural_key("Mixed@EXAMPLE.org") == user


def test_password_resets_are_throttled_per_address_and_per_client(world, client, mailoutbox):
    from partners.password_reset import PER_ADDRESS, PER_CLIENT

    for _ in range(PER_ADDRESS + 5):
        response = client.post(reverse("password_reset"), {"email": "lead.a@example.org"})
        assert response.status_code == 302  # the same answer every time
    assert len(mailoutbox) == PER_ADDRESS
    # Another address from the same client: within the client's limit, then not.
    for n in range(PER_CLIENT):
        client.post(reverse("password_reset"), {"email": f"someone{n}@example.org"})
    client.post(reverse("password_reset"), {"email": "member.a@example.org"})
    assert len(mailoutbox) == PER_ADDRESS
