"""Continuous communication in Chromium: posting an update and commenting on it (htmx), and
holding a meeting with a decision and an action item, including the error when the action
has no owner. axe-core runs on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from communication.models import ActionItem, Comment, Meeting, Post
from tests.browser.conftest import assert_accessible, log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def nav(page, name):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def test_partner_posts_an_update_and_comments_on_it(page, world, password):
    log_in(page, "member.a@example.org", password)
    nav(page, "Updates").click()
    expect(page.get_by_role("heading", name="Updates", level=1)).to_be_visible()
    expect(page.get_by_text("No updates yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Post an update").click()
    assert_accessible(page)
    page.get_by_label("Post in the name of").select_option(label="Durham Tech")
    page.get_by_label("Title").fill("Open house on Friday")
    page.get_by_label("Text").fill("Come and see the **new labs**.\n\n- tours\n- lunch")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", name="Open house on Friday", level=1)).to_be_visible()
    expect(page.locator(".post-body strong")).to_have_text("new labs")
    expect(page.get_by_role("status").first).to_contain_text("Your update was posted.")
    assert_accessible(page)

    # An empty comment: the error appears beside the field, in place (htmx).
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Write a comment before sending it.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your comment").fill("We will bring the juniors.")
    page.get_by_role("button", name="Add comment").click()
    comments = page.locator("#comments .comment")
    expect(comments).to_have_count(1)
    expect(comments.first).to_contain_text("We will bring the juniors.")
    expect(page.locator("#comments").get_by_role("status")).to_have_text("Your comment was added.")
    expect(page.get_by_label("Your comment")).to_have_value("")
    assert_accessible(page)
    assert Comment.objects.get().author == world.member_a

    # The feed shows it, filtered by the organization it was posted for.
    nav(page, "Updates").click()
    page.get_by_role("link", name="Durham Tech").first.click()
    expect(page).to_have_url(re.compile(r"/updates/\?organization=durham-tech$"))
    expect(page.get_by_role("link", name="Open house on Friday", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^1 comment"))).to_be_visible()
    assert_accessible(page)
    assert Post.objects.get().organization == world.org_a


def test_backbone_holds_a_meeting_with_an_action_item_and_the_owner_closes_it(
    page, world, password
):
    log_in(page, "backbone@example.org", password)
    nav(page, "Meetings").click()
    expect(page.get_by_role("heading", name="Meetings", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="New meeting").click()
    assert_accessible(page)

    page.get_by_label("Title").fill("Steering committee")
    page.get_by_label("Starts").fill("2025-03-04T10:00")
    page.get_by_label("Where").fill("Durham Tech, room 12")
    page.get_by_label("Agenda").fill("1. Reports\n2. The **summer** programme")
    page.get_by_label("Minutes").fill("We agreed to run a summer bridge programme.")
    page.get_by_role("group", name="New decision").get_by_label("Decision").fill(
        "Run a summer bridge programme"
    )
    action = page.get_by_role("group", name="New action item 1")
    action.get_by_label("Action").fill("Draft the bridge budget")
    action.get_by_label("Due").fill("2025-03-20")
    page.get_by_role("button", name="Save the meeting").click()

    # No owner: nothing saved, the error beside the owner field, the rest kept.
    expect(page.get_by_role("alert").first).to_contain_text("Nothing was saved.")
    action = page.get_by_role("group", name="New action item 1")
    owner = action.get_by_label("Owner")
    expect(owner).to_have_attribute("aria-invalid", "true")
    expect(owner).to_have_accessible_description(
        "Choose who owns this action: every action needs an owner."
    )
    expect(action.get_by_label("Action")).to_have_value("Draft the bridge budget")
    assert_accessible(page)
    assert not Meeting.objects.exists() and not ActionItem.objects.exists()

    owner.select_option(label=f"{world.member_a.full_name} (member.a@example.org)")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("heading", name="Steering committee", level=1)).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("The meeting was saved.")
    expect(page.locator(".post-body strong")).to_have_text("summer")
    expect(
        page.get_by_role("listitem").filter(has_text="Run a summer bridge programme")
    ).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Draft the bridge budget")
    expect(row).to_contain_text(world.member_a.full_name)
    expect(row).to_contain_text("Overdue")  # due 20 March 2025, long past
    assert_accessible(page)
    log_out(page)

    # The owner is notified, sees the action among theirs and marks it done.
    log_in(page, "member.a@example.org", password)
    notifications = page.get_by_role("link", name=re.compile(r"^Notifications 1 unread"))
    notifications.click()
    expect(page.get_by_text("You have 1 open action item.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Draft the bridge budget"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark 1 unread notification read").click()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()

    page.get_by_role("link", name="You have 1 open action item.").click()
    expect(page.get_by_role("heading", name="My action items", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark done “Draft the bridge budget”").click()
    expect(page.get_by_role("status").first).to_contain_text("is done.")
    expect(
        page.get_by_role("table", name="Done lately")
        .get_by_role("row")
        .filter(has_text="Draft the bridge budget")
    ).to_contain_text("Done")
    assert_accessible(page)
    assert ActionItem.objects.get().done_at is not None
