"""fedctl's own commands: bad input gets a message that says what to fix, and a non-zero exit."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from fedctl import manifest as manifest_module
from fedctl import orchestrate
from fedctl.cli import app
from fedctl.processes import Service, Stack, StartError, start, stop, wait_ready

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_build_of_an_unknown_app_is_a_usage_error(in_repo: None) -> None:
    result = runner.invoke(app, ["build", "--only", "wishlist"])
    assert result.exit_code == 2
    assert "'wishlist' is not an app of federation.json" in result.output


def test_build_for_an_unknown_environment_is_a_usage_error(in_repo: None) -> None:
    result = runner.invoke(app, ["build", "--env", "staging"])
    assert result.exit_code == 2
    assert "--env staging: known environments are local, production" in result.output


@pytest.mark.parametrize("extra", [["--only", "auth"], ["--env", "production"]])
def test_the_monolith_yardstick_is_built_alone_for_the_local_layout(in_repo: None, extra: list[str]) -> None:
    result = runner.invoke(app, ["build", "--monolith", *extra])
    assert result.exit_code == 2
    assert "--monolith builds the local yardstick only; drop --only / --env" in result.output


def test_commands_outside_a_federation_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert "no federation.json" in result.output


def test_serving_a_remote_that_was_never_built_names_the_command_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "federation.json").write_text((ROOT / "federation.json").read_text())
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["serve-static", "auth"])
    assert result.exit_code == 2
    assert "holds no build of auth: run `fedctl build --only auth`" in result.output


@pytest.fixture
def listening_port() -> Iterator[int]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def free_ports(count: int) -> list[int]:
    """Ports nothing listens on right now (so the test does not depend on what else runs here)."""
    with contextlib.ExitStack() as held:
        sockets = [held.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


def test_a_stack_refuses_to_start_on_a_busy_port(tmp_path: Path, listening_port: int) -> None:
    data = json.loads((ROOT / "federation.json").read_text())
    data["api"]["port"] = listening_port
    # Every other port is a free one: only the API's is busy, whatever else runs on this machine.
    for entry, port in zip(data["apps"].values(), free_ports(len(data["apps"])), strict=True):
        entry["port"] = port
    (tmp_path / "federation.json").write_text(json.dumps(data))
    stack = Stack(manifest_module.load(tmp_path), log_dir=tmp_path / "logs")
    with pytest.raises(StartError, match=rf"ports \[{listening_port}\] are already in use"):
        stack.start_all()
    assert stack.services == []


def test_a_server_that_dies_is_reported_with_the_end_of_its_log(tmp_path: Path) -> None:
    service = Service(
        name="broken",
        command=[sys.executable, "-c", "import sys; print('missing SECRET_KEY'); sys.exit(3)"],
        cwd=tmp_path,
        ready_url="http://127.0.0.1:9/never",
    )
    start(service, tmp_path)
    try:
        with pytest.raises(StartError, match=r"(?s)broken exited with code 3.*missing SECRET_KEY"):
            wait_ready(service, timeout=20)
    finally:
        stop(service)


def stale_node_modules(root: Path, packages: Path) -> None:
    """A checkout whose lock file is newer than the packages installed from it."""
    (packages / ".package-lock.json").write_text("{}")
    (root / "package-lock.json").write_text("{}")
    installed = (packages / ".package-lock.json").stat().st_mtime
    os.utime(root / "package-lock.json", (installed + 60, installed + 60))


def test_stale_node_modules_are_installed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[list[str]] = []
    monkeypatch.setattr(orchestrate, "run_step", lambda _title, command, _cwd, *_: steps.append(command))
    (tmp_path / "node_modules").mkdir()
    stale_node_modules(tmp_path, tmp_path / "node_modules")
    orchestrate.ensure_node_modules(SimpleNamespace(root=tmp_path))  # type: ignore[arg-type]
    assert [command[:2] for command in steps] == [["npm", "ci"]]


def test_linked_node_modules_are_never_installed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A scratch copy of the repository links the real checkout's packages: `npm ci` in the copy
    # would delete them through the link.
    steps: list[list[str]] = []
    monkeypatch.setattr(orchestrate, "run_step", lambda _title, command, _cwd, *_: steps.append(command))
    real = tmp_path / "real-node_modules"
    real.mkdir()
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "node_modules").symlink_to(real)
    stale_node_modules(copy, real)
    orchestrate.ensure_node_modules(SimpleNamespace(root=copy))  # type: ignore[arg-type]
    assert steps == []
    assert (real / ".package-lock.json").exists()
