"""`fedctl doctor URL`: open a federated page in headless Chromium and count what the browser got.

The reference's runtime check is "open DevTools and count the stores". This command does it for
you, on any webpack / Next.js Module Federation page, not only ours:

- how many stores the page created (a counter the store package keeps on `window`);
- every shared package in the share scope, which container provided it, its version and which
  containers use it (`window.__FEDERATION__.__INSTANCES__[i].shareScopeMap`), and what each
  container declares as shared (`options.shared`);
- packages loaded more than once: two loaded versions of one package, or a container that leaves
  out a singleton the host shares and carries its own copy of it;
- remotes that failed to load, and why; console errors.

The package follows the work, one module each:

- `browser`: the Chromium launch settings (shared with the browser tests and `fedctl bench`);
- `collect`: drives the browser and returns a `Snapshot` (`--save-snapshot` writes it as JSON);
- `model`: the typed snapshot (validated when read back with `--snapshot`) and the report;
- `diagnose`: snapshot in, report out, no browser (so it is tested offline);
- `render`: the report as text or JSON;
- `command`: the Typer command.

Exit codes: 0 healthy, 1 a singleton loaded twice / a remote failed / more than one store,
2 a usage error or a page that cannot be opened (with the reason).
"""

from fedctl.doctor.collect import collect
from fedctl.doctor.command import doctor
from fedctl.doctor.diagnose import diagnose
from fedctl.doctor.model import DoctorError, Duplicate, RemoteFailure, Report, SharedPackage, Snapshot
from fedctl.doctor.render import OutputFormat, render_json, render_text

__all__ = [
    "DoctorError",
    "Duplicate",
    "OutputFormat",
    "RemoteFailure",
    "Report",
    "SharedPackage",
    "Snapshot",
    "collect",
    "diagnose",
    "doctor",
    "render_json",
    "render_text",
]
