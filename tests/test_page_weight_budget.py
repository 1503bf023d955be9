"""The bytes budget's rule (the browser measures it in e2e/test_page_weight.py)."""

from __future__ import annotations

from pathlib import Path

from fedctl import manifest as manifest_module
from fedctl.page_weight import ROUTES, RouteWeight, Visit, over_budget, read_budget


def weight(route: str, decoded: int) -> RouteWeight:
    return RouteWeight(route, Visit(scripts=10, decoded=decoded), Visit(scripts=10), render_ms=0.0)


def test_a_route_may_grow_up_to_five_percent_over_its_budget() -> None:
    assert over_budget([weight("/", 105_000)], {"/": 100_000}) == []


def test_a_route_growing_more_than_five_percent_fails_and_says_how_to_fix_it() -> None:
    [problem] = over_budget([weight("/faq", 105_001)], {"/faq": 100_000})
    assert problem.startswith("/faq: 105001 B of script decoded, 5.0 % over its budget of 100000 B")
    assert "page-weight-budget.json" in problem


def test_a_route_without_a_budget_fails() -> None:
    assert over_budget([weight("/new", 1)], {"/": 100_000}) == ["/new: no budget in page-weight-budget.json"]


def test_the_committed_budget_covers_every_measured_route() -> None:
    manifest = manifest_module.load(Path(__file__).resolve().parent.parent)
    assert sorted(read_budget(manifest)) == sorted(ROUTES)
