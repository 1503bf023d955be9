"""The bytes budget: no route's script weight grows in silence.

Bytes are deterministic for a given build (unlike times), so this check runs with the other browser
tests, on the local layout they already start: each route's decoded script bytes (first visit,
empty cache) against the committed budget (page-weight-budget.json, at most 5 % over), and a
repeat visit that downloads no script again. `make bench` compares the same routes with the
monolith build; raising a budget is a deliberate commit.
"""

from __future__ import annotations

from playwright.sync_api import Browser

from fedctl.manifest import Manifest
from fedctl.page_weight import BUDGET_FILE, measure, over_budget, read_budget
from fedctl.processes import Stack


def test_every_route_stays_within_its_script_budget_and_repeat_visits_download_no_script(
    stack: Stack, browser: Browser, manifest: Manifest
) -> None:
    weights = measure(browser, manifest.base_url(manifest.app(manifest.host)))
    budget = read_budget(manifest)
    assert sorted(budget) == sorted(w.route for w in weights), f"{BUDGET_FILE} must list every measured route"
    assert over_budget(weights, budget) == []
    for weight in weights:
        # Remote entries come back as 304s, hashed chunks from the cache: no script body twice.
        assert weight.repeat.redownloaded == 0, (weight.route, weight.repeat)
        assert weight.first.scripts > 0 and weight.repeat.scripts > 0, weight
