"""The Content remote: its text is server-rendered, its one user-specific line is client-only."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Browser, expect

from fedctl.manifest import Manifest
from fedctl.processes import Stack
from journey import run_journey
from support import ShopPage, give_session, sign_in_through_the_api

# A question and an answer of the FAQ, as the server must send them.
QUESTION = "How do I sign in?"
ANSWER = "we send you a six-digit one-time code"
COUPON_ANSWER = "WELCOME10 takes 10% off any order"

# What only the client-side greeting says (signed in or not); never in the server's HTML.
GREETING_TEXTS = ("Signed in", "in your cart", "open support ticket", "Sign in with your mobile number to see")


def assert_no_user_specific_text(html: str) -> None:
    assert 'data-testid="content-greeting"' not in html
    for text in GREETING_TEXTS:
        assert text not in html, text


def test_faq_text_is_in_the_server_html_without_user_state(stack: Stack, manifest: Manifest) -> None:
    url = manifest.base_url(manifest.app("content")) + "/faq"
    response = httpx.get(url)
    response.raise_for_status()
    html = response.text
    assert 'data-testid="faq"' in html
    assert html.count('data-testid="faq-item"') >= 6
    for text in (QUESTION, ANSWER, COUPON_ANSWER, "When will my order arrive?", "Can I return a product?"):
        assert text in html, text
    assert_no_user_specific_text(html)


def test_home_hero_is_in_the_server_html_without_user_state(stack: Stack, manifest: Manifest) -> None:
    response = httpx.get(manifest.base_url(manifest.app("content")))
    response.raise_for_status()
    assert 'data-testid="home-hero"' in response.text
    assert "Beauty and care, delivered" in response.text
    assert_no_user_specific_text(response.text)


def test_faq_reads_with_javascript_disabled(stack: Stack, browser: Browser, manifest: Manifest) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(manifest.base_url(manifest.app("content")) + "/faq")
        expect(page.get_by_test_id("faq")).to_be_visible()
        expect(page.get_by_role("heading", name=QUESTION)).to_be_visible()
        expect(page.get_by_test_id("faq")).to_contain_text(ANSWER)
        assert page.get_by_test_id("faq-item").count() >= 6
        expect(page.get_by_test_id("content-greeting")).to_have_count(0)
    finally:
        context.close()


def test_the_standalone_faq_hydrates_and_greets_on_the_client(shop: ShopPage) -> None:
    page = shop.page
    page.goto(shop.url("content", "/faq"))
    greeting = page.get_by_test_id("content-greeting")
    expect(greeting).to_have_attribute("data-signed-in", "false")
    expect(page.get_by_test_id("faq-item").first).to_contain_text(QUESTION)
    assert page.evaluate("window.__myapp_store_count") == 1
    # Client-side navigation inside Content keeps the page's one store and its greeting.
    page.goto(shop.url("content", ""))
    expect(page.get_by_test_id("home-hero")).to_be_visible()
    expect(greeting).to_be_visible()
    page.get_by_role("link", name="Read the FAQ").click()
    expect(page).to_have_url(re.compile(r"/content/faq$"))
    expect(page.get_by_test_id("faq")).to_be_visible()
    expect(greeting).to_have_attribute("data-signed-in", "false")
    assert shop.console.errors == []


def test_the_standalone_greeting_reads_a_restored_session(shop: ShopPage) -> None:
    page = shop.page
    page.goto(shop.url("content", ""))
    give_session(page.context, shop.manifest, sign_in_through_the_api(shop.manifest))
    page.reload()
    expect(page.get_by_test_id("content-greeting")).to_have_attribute("data-signed-in", "true")
    expect(page.get_by_test_id("content-greeting")).to_contain_text("Signed in")
    assert shop.console.errors == []


def test_the_host_shows_the_faq_through_federation(shop: ShopPage) -> None:
    page = shop.page
    page.goto("/faq")
    faq = page.get_by_test_id("faq")
    expect(faq).to_be_visible()
    expect(faq.get_by_role("heading", name=QUESTION)).to_be_visible()
    assert page.get_by_test_id("faq-item").count() >= 6
    # Inside the host the greeting uses the host's store: signed out here.
    expect(page.get_by_test_id("content-greeting")).to_have_attribute("data-signed-in", "false")
    assert page.evaluate("window.__myapp_store_count") == 1
    assert shop.console.errors == []


def test_the_host_home_shows_the_hero(shop: ShopPage) -> None:
    page = shop.page
    page.goto("/")
    expect(page.get_by_test_id("home-hero")).to_be_visible()
    expect(page.get_by_test_id("home-hero")).to_contain_text("Beauty and care, delivered")
    expect(page.get_by_test_id("content-greeting")).to_contain_text("Sign in with your mobile number")
    assert shop.console.errors == []


def test_the_hero_greets_the_signed_in_user_after_the_journey(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    # Client-side navigation: the hero reads the same store the journey filled.
    page.get_by_role("link", name="Home", exact=True).click()
    expect(page).to_have_url(shop.url("main", "/"))
    greeting = page.get_by_test_id("home-hero").get_by_test_id("content-greeting")
    expect(greeting).to_have_attribute("data-signed-in", "true")
    expect(greeting).to_contain_text(f"Signed in as {result.mobile}")
    expect(greeting).to_contain_text("1 item in your cart")
    assert page.evaluate("window.__myapp_store_count") == 1
    assert shop.console.errors == []
