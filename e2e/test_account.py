"""The Account remote: profile edits reach the server and the shared store, tickets, logout, standalone."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from journey import run_journey
from support import REFETCH_AFTER_AWAY_MS, ShopPage, give_session, leave_and_come_back, sign_in_through_the_api


def api_url(shop: ShopPage, path: str) -> str:
    return f"{shop.manifest.api_origin()}{shop.manifest.api_path}{path}"


def create_ticket(shop: ShopPage, token: str, subject: str) -> dict[str, Any]:
    response = httpx.post(
        api_url(shop, "/tickets"),
        json={"subject": subject, "message": "Created outside the browser."},
        headers={"Authorization": f"Bearer {token}"},
    )
    response.raise_for_status()
    ticket: dict[str, Any] = response.json()
    return ticket


def open_account(page: Page) -> None:
    """The header's link: a client-side navigation inside the host, on the same store."""
    page.get_by_test_id("header-account").click()
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(page.get_by_test_id("profile-form")).to_be_visible()


def only_the_refused_request(errors: list[str], status: int) -> bool:
    """Chromium logs every 4xx answer as a console error; that one is expected, nothing else."""
    return all(f"status of {status}" in error for error in errors)


def test_profile_edit_is_saved_on_the_server_and_in_the_store(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    open_account(page)
    expect(page.get_by_test_id("account-phone")).to_have_text(result.mobile)

    page.get_by_test_id("profile-first-name").fill("Ada")
    page.get_by_test_id("profile-last-name").fill("Lovelace")
    page.get_by_test_id("profile-name").fill("Ada L.")
    page.get_by_test_id("profile-email").fill("ada@example.com")
    page.get_by_test_id("profile-address").fill("12 Analytical Street\nLondon")
    with page.expect_request(re.compile(r"/api/me$")) as patch:
        page.get_by_test_id("save-profile").click()
    assert patch.value.method == "PATCH"
    expect(page.get_by_test_id("profile-saved")).to_be_visible()
    expect(page.get_by_test_id("profile-error")).to_have_count(0)
    # Saving is over: the store's profileUpdating went back to false.
    expect(page.get_by_test_id("save-profile")).to_be_enabled()

    me = httpx.get(api_url(shop, "/me"), headers={"Authorization": f"Bearer {result.token}"}).json()
    assert (me["firstName"], me["lastName"], me["name"], me["email"]) == (
        "Ada",
        "Lovelace",
        "Ada L.",
        "ada@example.com",
    )
    assert me["address"] == "12 Analytical Street\nLondon"

    # The home page's one greeting (Content's) reads the same store: the new name, without a reload.
    page.get_by_role("link", name="Home", exact=True).click()
    expect(page).to_have_url(shop.url("main", "/"))
    expect(page.get_by_test_id("content-greeting")).to_contain_text("Ada L.")

    # A reload starts from the server's copy.
    page.get_by_test_id("header-account").click()
    page.reload()
    expect(page.get_by_test_id("profile-name")).to_have_value("Ada L.")
    expect(page.get_by_test_id("profile-email")).to_have_value("ada@example.com")
    expect(page.get_by_test_id("profile-address")).to_have_value("12 Analytical Street\nLondon")
    assert shop.console.errors == []


def test_a_bad_email_shows_the_servers_message(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    open_account(page)
    page.get_by_test_id("profile-name").fill("Should not stick")
    page.get_by_test_id("profile-email").fill("not-an-email")
    page.get_by_test_id("save-profile").click()

    error = page.get_by_test_id("profile-error")
    expect(error).to_be_visible()
    expect(error).to_have_attribute("role", "alert")
    expect(error).to_contain_text(re.compile(r"^email: "))
    expect(page.get_by_test_id("profile-saved")).to_have_count(0)
    expect(page.get_by_test_id("save-profile")).to_be_enabled()

    # Nothing of the refused change reached the server.
    me = httpx.get(api_url(shop, "/me"), headers={"Authorization": f"Bearer {result.token}"}).json()
    assert me["email"] == ""
    assert me["name"] != "Should not stick"

    # Fixing the field and saving again works, and clears the message.
    page.get_by_test_id("profile-email").fill("fixed@example.com")
    page.get_by_test_id("save-profile").click()
    expect(page.get_by_test_id("profile-saved")).to_be_visible()
    expect(page.get_by_test_id("profile-error")).to_have_count(0)
    assert only_the_refused_request(shop.console.errors, 422), shop.console.errors


def test_a_ticket_created_through_the_api_is_listed(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    open_account(page)
    expect(page.get_by_test_id("account-no-tickets")).to_be_visible()
    expect(page.get_by_test_id("account-ticket")).to_have_count(0)

    ticket = create_ticket(shop, result.token, "Where is my parcel?")
    # Leaving and coming back reads nothing: the shared cache already holds the tickets.
    page.get_by_role("link", name="Products", exact=True).click()
    open_account(page)
    expect(page.get_by_test_id("account-no-tickets")).to_be_visible()
    # Coming back to the window at once reads nothing either; coming back after a while away is
    # when what another device changed is read again.
    reads: list[str] = []
    page.on("request", lambda request: reads.append(request.url) if request.url.endswith("/api/tickets") else None)
    leave_and_come_back(page, 1_000)
    page.wait_for_timeout(1_000)
    assert reads == []
    with page.expect_response(re.compile(r"/api/tickets$")):
        leave_and_come_back(page, REFETCH_AFTER_AWAY_MS)
    item = page.get_by_test_id("account-tickets").get_by_test_id("account-ticket")
    expect(item).to_have_count(1)
    expect(item).to_have_attribute("data-ticket-id", str(ticket["id"]))
    expect(item).to_have_attribute("data-status", "open")
    expect(item).to_contain_text("Where is my parcel?")
    expect(page.get_by_test_id("account-no-tickets")).to_have_count(0)
    # The tickets slice is shared: the header counts the open ticket.
    expect(page.get_by_test_id("ticket-count")).to_have_text("1")
    assert shop.console.errors == []


def test_logout_clears_every_slice_and_revokes_the_token(shop: ShopPage) -> None:
    result = run_journey(shop)
    create_ticket(shop, result.token, "Before logout")
    page = shop.page
    # Made through the API, not this page: a new page load reads it (the session is restored).
    page.reload()
    open_account(page)
    expect(page.get_by_test_id("account-ticket")).to_have_count(1)
    expect(page.get_by_test_id("ticket-count")).to_have_text("1")

    page.get_by_test_id("logout").click()
    expect(page).to_have_url(shop.url("main", "/"))
    expect(page.get_by_test_id("header-login")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("0")
    expect(page.get_by_test_id("ticket-count")).to_have_text("0")
    assert httpx.get(api_url(shop, "/me"), headers={"Authorization": f"Bearer {result.token}"}).status_code == 401

    # Signed out, the page says so and offers the way to log in.
    page.goto("/account")
    expect(page.get_by_test_id("account-page")).to_contain_text("not signed in")
    expect(page.get_by_test_id("profile-form")).to_have_count(0)
    page.get_by_test_id("account-page").get_by_role("link", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_test_id("mobile-input")).to_be_visible()
    assert shop.console.errors == []


def test_account_runs_standalone(shop: ShopPage) -> None:
    page = shop.page
    page.goto(shop.url("account", "/"))
    expect(page.get_by_test_id("account-page")).to_contain_text("not signed in")

    session = sign_in_through_the_api(shop.manifest)
    create_ticket(shop, session.token, "Standalone ticket")
    # The cookie a sign-in on the host (port 3000) leaves is the standalone remote's too.
    give_session(page.context, shop.manifest, session)
    page.reload()
    expect(page.get_by_test_id("account-phone")).to_have_text(session.mobile)
    expect(page.get_by_test_id("account-ticket")).to_contain_text("Standalone ticket")
    expect(page.get_by_test_id("profile-form")).to_be_visible()
    assert page.evaluate("window.__myapp_store_count") == 1
    assert shop.console.errors == []
