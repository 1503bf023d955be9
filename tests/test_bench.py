"""What `fedctl bench` reports besides latency: the CPU time of each service's processes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from fedctl.bench import group_cpu_seconds
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
