"""What `fedctl bench` reports besides latency: the CPU time of each service's processes."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import httpx
import pytest
import typer
from typer.testing import CliRunner

from fedctl.bench import (
    CLIENT_ONLY_SIGNED_IN_HEADER_MS,
    CLS_TARGET,
    SIGNED_IN_HEADER_TARGET_MS,
    Vital,
    browser_cookies,
    group_cpu_seconds,
    report,
)
from fedctl.cli import app
from fedctl.processes import Service, start, stop

# Uses 0.3 s of CPU, says so, then stays alive (a process that ended no longer counts).
BURN = "import time\nwhile time.process_time() < 0.3: pass\nprint('burnt', flush=True)\ntime.sleep(60)"


def test_the_cpu_of_every_process_in_a_services_group_is_counted(tmp_path: Path) -> None:
    # A server that starts a worker in its own process group, as `next start` does.
    parent = f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', {BURN!r}])\nexec({BURN!r})"
    service = Service(name="burner", command=[sys.executable, "-c", parent], cwd=tmp_path, ready_url="")
    assert group_cpu_seconds(service) is None
    start(service, tmp_path)
    try:
        assert service.log_path is not None
        log = service.log_path
        deadline = time.monotonic() + 60
        while (log.read_text() if log.exists() else "").count("burnt") < 2:
            assert time.monotonic() < deadline, "the burners never finished"
            time.sleep(0.1)
        used = group_cpu_seconds(service)
        assert used is not None
        # Both, not one (about 0.3 s alone); /proc counts in whole clock ticks, a little under.
        assert used >= 0.5
    finally:
        stop(service)


def test_a_vital_with_a_strict_target_misses_it_when_equal_and_one_with_an_inclusive_target_meets_it() -> None:
    assert Vital("CLS", 0.099, "", CLS_TARGET, 3, strict=True).met
    assert not Vital("CLS", CLS_TARGET, "", CLS_TARGET, 3, strict=True).met
    assert Vital("header", 0.0, "ms", SIGNED_IN_HEADER_TARGET_MS, 3).met
    assert not Vital("header", 0.5, "ms", SIGNED_IN_HEADER_TARGET_MS, 3).met


def test_a_missed_server_render_target_exits_1_and_every_vital_is_written(tmp_path: Path) -> None:
    vitals = [
        Vital("LCP of /products", 900.0, "ms", 2500.0, 3),
        Vital("CLS of /faq", 0.25, "", CLS_TARGET, 3, strict=True),
        Vital("header", 0.0, "ms", 0.0, 3, client_only=CLIENT_ONLY_SIGNED_IN_HEADER_MS),
    ]
    output = tmp_path / "bench.json"
    with pytest.raises(typer.Exit) as exited:
        report([], [], output, [], vitals)
    assert exited.value.exit_code == 1
    written = json.loads(output.read_text())["server_render"]
    assert [(row["name"], row["met"]) for row in written] == [
        ("LCP of /products", True),
        ("CLS of /faq", False),
        ("header", True),
    ]
    assert written[2]["client_only"]["value"] == CLIENT_ONLY_SIGNED_IN_HEADER_MS.value


def test_met_server_render_targets_do_not_fail_the_bench(tmp_path: Path) -> None:
    report([], [], None, [], [Vital("CLS of /", 0.0, "", CLS_TARGET, 3, strict=True)])


def test_a_sign_in_gives_the_browser_its_cookies_with_the_session_one_httponly() -> None:
    def verify(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers=[
                ("set-cookie", "myapp_session=secret; HttpOnly; Path=/; SameSite=lax"),
                ("set-cookie", "myapp_session_present=1; Path=/; SameSite=lax"),
            ],
            json={"token": "t"},
        )

    with httpx.Client(transport=httpx.MockTransport(verify), base_url="http://127.0.0.1:8000") as client:
        verified = client.post("/api/auth/verify")
    cookies = {cookie["name"]: cookie for cookie in browser_cookies(verified, "http://localhost:3000/")}
    assert cookies["myapp_session"]["httpOnly"] is True
    assert cookies["myapp_session"]["value"] == "secret"
    assert cookies["myapp_session_present"]["httpOnly"] is False
    # For the host's address, not the API's: the host's server and pages must receive them.
    assert {cookie["url"] for cookie in cookies.values()} == {"http://localhost:3000/"}


def test_two_only_options_are_refused_with_a_message() -> None:
    result = CliRunner().invoke(app, ["bench", "--only-load", "--only-server-render"])
    assert result.exit_code == 2
    assert "--only-load and --only-server-render exclude each other" in result.output
