"""`fedctl dev`: which servers it plans, its usage errors, and the supervisor that keeps a stack
running when one of its servers stops."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fedctl import manifest as manifest_module
from fedctl.cli import app as fedctl
from fedctl.develop import DevStack, edit_effects, parse_apps
from fedctl.processes import Service, Stack, Supervisor, start, stop

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def planned(stack: DevStack) -> dict[str, list[str]]:
    return {service.name: service.command for service in stack.plan()}


def test_with_no_app_named_every_app_runs_its_dev_server(tmp_path: Path) -> None:
    manifest = manifest_module.load(ROOT)
    everything = tuple(app.name for app in manifest.build_order())
    plan = planned(DevStack(manifest, log_dir=tmp_path, live=everything))
    assert set(plan) == {"api", *manifest.apps}
    for app in manifest.apps.values():
        assert ("serve" if app.kind == "react" else "dev") in plan[app.name], app.name


def test_named_apps_run_their_dev_servers_and_the_others_their_builds(tmp_path: Path) -> None:
    manifest = manifest_module.load(ROOT)
    plan = planned(DevStack(manifest, log_dir=tmp_path, live=("cart", "products")))
    assert plan["cart"][-3:] == ["serve", "--mode", "development"]
    assert plan["products"][1] == "dev"
    assert plan["auth"][-4:-2] == ["serve-static", "auth"]
    assert plan[manifest.host][1] == "start"


def test_standalone_runs_one_dev_server_beside_the_api(tmp_path: Path) -> None:
    manifest = manifest_module.load(ROOT)
    plan = planned(DevStack(manifest, log_dir=tmp_path, live=("auth",), standalone=True))
    assert list(plan) == ["api", "auth"]


@pytest.mark.parametrize("argument", [["cart,account"], ["cart account"], ["cart", "account"], ["cart, account,"]])
def test_apps_are_named_with_commas_or_spaces(argument: list[str]) -> None:
    assert parse_apps(manifest_module.load(ROOT), argument) == ("cart", "account")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["dev", "cart,wishlist"], "'wishlist' is not an app of federation.json"),
        (["dev", "--standalone", "wishlist"], "'wishlist' is not an app of federation.json"),
        (["dev", "cart", "--standalone", "auth"], "--standalone runs one app alone: name no other app"),
    ],
)
def test_dev_usage_errors_say_what_to_fix(monkeypatch: pytest.MonkeyPatch, arguments: list[str], message: str) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(fedctl, arguments)
    assert result.exit_code == 2
    assert message in result.output


def service(name: str, code: str, port: int) -> Service:
    return Service(name, [sys.executable, "-c", code], Path.cwd(), f"http://127.0.0.1:{port}/", ready_timeout=5)


def test_a_server_that_stops_is_reported_and_started_again_and_the_others_keep_running(tmp_path: Path) -> None:
    stack = Stack(manifest_module.load(ROOT), log_dir=tmp_path)
    steady = service("steady", "import time; time.sleep(60)", free_port())
    crashing = service("crashing", "print('TypeError: boom'); raise SystemExit(3)", free_port())
    reports: list[str] = []
    supervisor = Supervisor(stack, report=reports.append)
    try:
        for each in (steady, crashing):
            start(each, tmp_path)
            stack.services.append(each)
        assert crashing.process is not None
        crashing.process.wait(timeout=10)
        supervisor.check()
        assert "crashing stopped (exit code 3); the others keep running." in reports[0]
        assert "TypeError: boom" in reports[0]
        assert reports[1].startswith("starting crashing again")
        assert stack.services[0] is steady and steady.process is not None and steady.process.poll() is None
        assert stack.services[1] is not crashing
        # It keeps crashing: after max_restarts within the window it is left stopped, with a word.
        for _ in range(supervisor.max_restarts):
            process = stack.services[1].process
            assert process is not None
            process.wait(timeout=10)
            supervisor.check()
        assert any("stopped 4 times within 60s: not starting it again" in report for report in reports)
        assert steady.process.poll() is None
    finally:
        for each in stack.services:
            stop(each)


def test_a_server_whose_port_was_taken_meanwhile_is_left_to_the_new_owner(tmp_path: Path) -> None:
    stack = Stack(manifest_module.load(ROOT), log_dir=tmp_path)
    with socket.socket() as owner:
        owner.bind(("127.0.0.1", 0))
        owner.listen()
        port = owner.getsockname()[1]
        stopped = service("cart", "raise SystemExit(0)", port)
        start(stopped, tmp_path)
        stack.services.append(stopped)
        assert stopped.process is not None
        stopped.process.wait(timeout=10)
        reports: list[str] = []
        Supervisor(stack, report=reports.append).check()
    assert reports[-1] == f"port {port} of cart is taken by another process: leaving it to it"
    assert stack.services == [stopped]


def test_the_printed_plan_says_what_an_edit_does_in_the_host_page() -> None:
    manifest = manifest_module.load(ROOT)
    assert edit_effects(manifest, ("main", "cart", "products")) == [
        "main: Next's Fast Refresh, in place",
        "cart: swapped in place by React Refresh, the page and the store kept",
        "products: the host page reloads after the rebuild (a Next remote cannot be swapped in place)",
    ]
    assert edit_effects(manifest, ("cart",)) == [
        "cart: the host page reloads (it runs its production build); add main to the apps to swap edits in place"
    ]
