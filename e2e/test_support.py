"""The Support remote: tickets the header counts, a live chat that reaches every browser of the
user (as text, never as HTML), logout clearing both, and the remote on its own origin."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, WebSocketRoute, expect
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from journey import run_journey
from support import ConsoleLog, ShopPage, give_session, sign_in_through_the_api

# The page's one store, read through the federation share scope: production builds do not put it
# on `window`, but the host's copy of @myapp/store is right there, already loaded.
STORE_STATE = """async () => {
  const host = window.__FEDERATION__.__INSTANCES__.find((instance) => instance.name === 'main');
  const [shared] = Object.values(host.shareScopeMap.default['@myapp/store']);
  const storePackage = shared.lib ? shared.lib() : (await shared.get())();
  const state = storePackage.getStore().getState();
  return {
    isLoggedIn: state.user.isLoggedIn,
    tickets: state.tickets.items.length,
    messages: state.chat.messages.length,
  };
}"""


def api_url(shop: ShopPage, path: str) -> str:
    return f"{shop.manifest.api_origin()}{shop.manifest.api_path}{path}"


def api_get(shop: ShopPage, path: str, token: str) -> Any:
    response = httpx.get(api_url(shop, path), headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    return response.json()


def open_support(page: Page) -> None:
    """Client-side, through the site's navigation: the same page, the same store."""
    page.get_by_role("link", name="Support", exact=True).click()
    expect(page.get_by_test_id("support-page")).to_be_visible()


def create_ticket(page: Page, subject: str, message: str) -> None:
    page.get_by_test_id("ticket-subject").fill(subject)
    page.get_by_test_id("ticket-message").fill(message)
    page.get_by_test_id("create-ticket").click()


def send_chat(page: Page, text: str) -> None:
    page.get_by_test_id("chat-input").fill(text)
    page.get_by_test_id("chat-send").click()
    expect(page.get_by_test_id("chat-input")).to_have_value("")


@pytest.fixture
def second_browser(shop: ShopPage) -> Iterator[tuple[Page, ConsoleLog]]:
    """Another browser context (its own storage, its own store) for the same Chromium."""
    browser = shop.page.context.browser
    assert browser is not None
    context = browser.new_context()
    context.set_default_timeout(20_000)
    console = ConsoleLog()
    page = console.watch(context.new_page())
    yield page, console
    context.close()


def test_a_new_ticket_is_listed_and_counted_in_the_header_until_it_is_closed(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    open_support(page)
    expect(page.get_by_test_id("ticket-count")).to_have_text("0")

    create_ticket(page, "Where is my order?", "It left the warehouse a week ago.")
    ticket = page.get_by_test_id("ticket-list").get_by_test_id("ticket-item")
    expect(ticket).to_have_count(1)
    expect(ticket).to_contain_text("Where is my order?")
    expect(ticket).to_have_attribute("data-status", "open")
    expect(page.get_by_test_id("ticket-count")).to_have_text("1")
    expect(page.get_by_test_id("ticket-subject")).to_have_value("")
    ticket_id = ticket.get_attribute("data-ticket-id")
    assert [t["id"] for t in api_get(shop, "/tickets", result.token)] == [int(str(ticket_id))]

    ticket.get_by_test_id("ticket-toggle-status").click()
    expect(ticket).to_have_attribute("data-status", "closed")
    expect(page.get_by_test_id("ticket-count")).to_have_text("0")
    assert api_get(shop, f"/tickets/{ticket_id}", result.token)["status"] == "closed"

    ticket.get_by_test_id("ticket-toggle-status").click()
    expect(ticket).to_have_attribute("data-status", "open")
    expect(page.get_by_test_id("ticket-count")).to_have_text("1")

    # A reload lists the ticket from the server again.
    page.reload()
    expect(page.get_by_test_id("ticket-item")).to_have_attribute("data-ticket-id", str(ticket_id))
    expect(page.get_by_test_id("ticket-count")).to_have_text("1")
    assert shop.console.errors == []


def test_a_failed_ticket_creation_is_shown(shop: ShopPage) -> None:
    run_journey(shop)
    page = shop.page
    open_support(page)
    page.route(
        re.compile(r"/api/tickets$"),
        lambda route: (
            route.fulfill(status=503, json={"detail": "Tickets are down for maintenance"})
            if route.request.method == "POST"
            else route.fallback()
        ),
    )
    create_ticket(page, "Broken", "This will not be saved.")
    expect(page.get_by_test_id("ticket-error")).to_contain_text("Tickets are down for maintenance")
    expect(page.get_by_test_id("ticket-error")).to_have_attribute("role", "alert")
    expect(page.get_by_test_id("create-ticket")).to_have_text("Create ticket")
    expect(page.get_by_test_id("ticket-item")).to_have_count(0)
    expect(page.get_by_test_id("ticket-count")).to_have_text("0")


def test_a_chat_message_reaches_a_second_browser_of_the_same_user_as_text(
    shop: ShopPage, second_browser: tuple[Page, ConsoleLog]
) -> None:
    result = run_journey(shop)
    page = shop.page
    open_support(page)
    expect(page.get_by_test_id("chat-status")).to_have_text("connected")
    send_chat(page, "Hello from the first browser")
    first_messages = page.get_by_test_id("chat-message")
    expect(first_messages).to_have_text([re.compile("Hello from the first browser")])
    expect(first_messages).to_have_attribute("data-sender", "user")

    # The same user in a second browser: signed in there too, as its own session.
    other, other_console = second_browser
    give_session(other.context, shop.manifest, sign_in_through_the_api(shop.manifest, result.mobile))
    other.goto(shop.url("main", "/support"))
    expect(other.get_by_test_id("chat-status")).to_have_text("connected")
    other_messages = other.get_by_test_id("chat-message")
    # The history arrives as the socket's first frame.
    expect(other_messages).to_have_text([re.compile("Hello from the first browser")])

    send_chat(other, "<b>bold</b>")
    expect(first_messages).to_have_count(2)
    expect(first_messages.last).to_contain_text("<b>bold</b>")
    expect(page.get_by_test_id("chat-messages").locator("b")).to_have_count(0)

    send_chat(page, "And back again")
    expect(other_messages).to_have_count(3)
    expect(other_messages.last).to_contain_text("And back again")

    stored = api_get(shop, "/chat/messages", result.token)
    assert [m["text"] for m in stored] == ["Hello from the first browser", "<b>bold</b>", "And back again"]
    assert page.get_by_test_id("chat-error").count() == 0
    assert shop.console.errors == []
    assert other_console.errors == []


def test_the_chat_reconnects_after_the_connection_drops(shop: ShopPage) -> None:
    run_journey(shop)
    page = shop.page
    sockets: list[WebSocketRoute] = []

    def pass_through(socket: WebSocketRoute) -> None:
        socket.connect_to_server()
        sockets.append(socket)

    page.route_web_socket(re.compile(r"/api/chat/ws"), pass_through)
    open_support(page)
    expect(page.get_by_test_id("chat-status")).to_have_text("connected")

    sockets[0].close(code=1012, reason="service restart")
    expect(page.get_by_test_id("chat-status")).to_have_text("disconnected")
    expect(page.get_by_test_id("support-page")).to_contain_text("trying again in 1 s")
    expect(page.get_by_test_id("chat-status")).to_have_text("connected")
    assert len(sockets) == 2

    send_chat(page, "Still here after the drop")
    expect(page.get_by_test_id("chat-message")).to_have_text([re.compile("Still here after the drop")])
    assert shop.console.errors == []


def test_logout_empties_tickets_and_chat_in_the_store(shop: ShopPage) -> None:
    run_journey(shop)
    page = shop.page
    open_support(page)
    create_ticket(page, "Refund", "Please refund my last order.")
    expect(page.get_by_test_id("ticket-item")).to_have_count(1)
    expect(page.get_by_test_id("chat-status")).to_have_text("connected")
    send_chat(page, "Anyone there?")
    expect(page.get_by_test_id("chat-message")).to_have_count(1)
    assert page.evaluate(STORE_STATE) == {"isLoggedIn": True, "tickets": 1, "messages": 1}

    page.get_by_test_id("header-account").click()
    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("header-login")).to_be_visible()
    expect(page.get_by_test_id("ticket-count")).to_have_text("0")
    assert page.evaluate(STORE_STATE) == {"isLoggedIn": False, "tickets": 0, "messages": 0}

    # Signed out, the page says so and offers the way in.
    open_support(page)
    expect(page.get_by_role("link", name="Log in", exact=True)).to_have_attribute("href", "/login")
    expect(page.get_by_test_id("ticket-item")).to_have_count(0)
    expect(page.get_by_test_id("chat-message")).to_have_count(0)
    assert shop.console.errors == []


def test_support_runs_standalone_and_chats_through_the_static_servers_socket_proxy(shop: ShopPage) -> None:
    session = sign_in_through_the_api(shop.manifest)
    token = session.token
    page = shop.page
    page.goto(shop.url("support", "/"))
    expect(page.get_by_role("link", name="Log in", exact=True)).to_be_visible()

    give_session(page.context, shop.manifest, session)
    with page.expect_websocket() as opened:
        page.reload()
    socket_origin = shop.url("support", "").replace("http://", "ws://").removesuffix(shop.manifest.app("support").path)
    # No credential in the socket's URL: the access token is its first frame.
    assert opened.value.url == f"{socket_origin}/api/chat/ws"
    expect(page.get_by_test_id("chat-status")).to_have_text("connected")

    send_chat(page, "Sent from the standalone remote")
    expect(page.get_by_test_id("chat-message")).to_have_text([re.compile("Sent from the standalone remote")])
    assert [m["text"] for m in api_get(shop, "/chat/messages", token)] == ["Sent from the standalone remote"]

    create_ticket(page, "Standalone", "Created on the remote's own origin.")
    expect(page.get_by_test_id("ticket-item")).to_have_count(1)
    assert page.evaluate("window.__myapp_store_count") == 1
    assert shop.console.errors == []


def test_the_static_servers_socket_proxy_forwards_frames_and_close_codes(shop: ShopPage) -> None:
    support = shop.url("support", "").replace("http://", "ws://").removesuffix(shop.manifest.app("support").path)
    chat = f"{support}{shop.manifest.api_path}/chat/ws"

    with connect(chat) as refused:
        refused.send(json.dumps({"type": "auth", "token": "not-a-token"}))
        with pytest.raises(ConnectionClosed):
            refused.recv(timeout=10)
        assert refused.close_code == 4401

    token = sign_in_through_the_api(shop.manifest).token
    with connect(chat) as socket:
        socket.send(json.dumps({"type": "auth", "token": token}))
        assert json.loads(socket.recv(timeout=10)) == {"type": "history", "messages": []}
        socket.send("not json")
        assert json.loads(socket.recv(timeout=10))["type"] == "error"
        socket.send(json.dumps({"text": "through the proxy"}))
        event = json.loads(socket.recv(timeout=10))
    assert event["type"] == "message"
    assert event["message"]["text"] == "through the proxy"
