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
