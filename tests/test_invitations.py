"""Backbone staff and partner leads invite people by email; the link works once and expires."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partners.models import Invitation, Membership, Role, User

pytestmark = pytest.mark.django_db


def invite(client, org, email="new.person@example.org", role=Role.MEMBER, capture=None):
    url = reverse("invitation_create", args=[org.slug])
    with capture(execute=True):
        return client.post(url, {"email": email, "role": role})


def sent_path():
    [message] = mail.outbox
    return re.search(r"http://127\.0\.0\.1:8000(/invitations/\S+/)", message.body).group(1)


def test_backbone_invites_and_the_person_joins(world, django_capture_on_commit_callbacks):
    response = invite(
        world.client(world.backbone),
        world.org_a,
        role=Role.LEAD,
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["new.person@example.org"]
    path = sent_path()

    client = world.client(None)
    page = client.get(path)
    assert page.status_code == 200
    assert "Join Durham Tech" in page.text
    response = client.post(
        path,
        {
            "full_name": "New Person",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert Membership.objects.get(user=user).role == Role.LEAD
    assert client.get(reverse("home")).status_code == 200  # signed in

    again = world.client(None).get(path)
    assert again.status_code == 410
    assert "It has already been used" in again.text


def test_mismatched_passwords_are_a_field_error(world, django_capture_on_commit_callbacks):
    invite(world.client(world.backbone), world.org_a, capture=django_capture_on_commit_callbacks)
    response = world.client(None).post(
        sent_path(), {"full_name": "X", "password1": "a-long-passphrase", "password2": "other-one"}
    )
    assert response.status_code == 400
    assert "The two passwords do not match." in response.text
    assert not User.objects.filter(email="new.person@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_expired_link_shows_a_clear_page(world, django_capture_on_commit_callbacks):
    invite(world.client(world.backbone), world.org_a, capture=django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = world.client(None).get(sent_path())
    assert response.status_code == 410
    assert "It has expired." in response.text


def test_unknown_link(world):
    response = world.client(None).get(reverse("invitation_accept", args=["no-such-token"]))
    assert response.status_code == 410
    assert "not a valid invitation link" in response.text


def test_only_the_token_hash_is_stored(world, django_capture_on_commit_callbacks):
    invite(world.client(world.backbone), world.org_a, capture=django_capture_on_commit_callbacks)
    token = sent_path().split("/")[2]
    assert token not in Invitation.objects.get().token_hash


def test_lead_invites_to_their_own_organization_only(world, django_capture_on_commit_callbacks):
    client = world.client(world.lead_a)
    assert (
        invite(client, world.org_a, capture=django_capture_on_commit_callbacks).status_code == 302
    )
    assert (
        invite(client, world.org_b, capture=django_capture_on_commit_callbacks).status_code == 403
    )
    # A lead cannot hand out backbone roles.
    response = invite(
        client,
        world.org_a,
        email="x@example.org",
        role=Role.BACKBONE,
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_existing_account_accepts_while_signed_in(world, django_capture_on_commit_callbacks):
    invite(
        world.client(world.backbone),
        world.org_b,
        email=world.member_a.email,
        capture=django_capture_on_commit_callbacks,
    )
    path = sent_path()
    assert "already has an account" in world.client(None).get(path).text
    assert "logged in as someone else" in world.client(world.lead_b).get(path).text
    client = world.client(world.member_a)
    assert client.post(path).status_code == 302
    assert Membership.objects.filter(user=world.member_a, organization=world.org_b).exists()


def test_inviting_a_current_member_is_refused(world, django_capture_on_commit_callbacks):
    response = invite(
        world.client(world.backbone),
        world.org_a,
        email=world.member_a.email,
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    assert "already belongs to this organization" in response.text
    assert mail.outbox == []
