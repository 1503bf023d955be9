"""The doctor's report logic on snapshots recorded from the running shop (no browser).

Both snapshots were taken with `fedctl doctor --save-snapshot` and trimmed to three packages:
HEALTHY with routes /products and /login; BROKEN with a Products build whose shared block lacks
@myapp/store and react-redux (it still renders, through the host's Provider, and creates no
second store: the copy it carries is only visible in its scripts).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fedctl.cli import app
from fedctl.doctor import DoctorError, Duplicate, RemoteFailure, diagnose, render_json

HEALTHY = json.loads(
    r"""
{
  "url": "http://localhost:3000/",
  "routes": [
    {"route": "/", "url": "http://localhost:3000/", "navigation": "load", "settled": true, "pending": []},
    {
      "route": "/products",
      "url": "http://localhost:3000/products",
      "navigation": "next-router",
      "settled": true,
      "pending": []
    },
    {
      "route": "/login",
      "url": "http://localhost:3000/login",
      "navigation": "next-router",
      "settled": true,
      "pending": []
    }
  ],
  "store_counter": "__myapp_store_count",
  "store_count": 1,
  "federation": {
    "instances": [
      {
        "name": "main",
        "remotes": [
          {"name": "auth", "alias": "auth", "entry": "http://localhost:3001/auth/remoteEntry.js"},
          {
            "name": "products",
            "alias": "products",
            "entry": "http://localhost:3002/products/_next/static/chunks/remoteEntry.js"
          },
          {
            "name": "content",
            "alias": "content",
            "entry": "http://localhost:3003/content/_next/static/chunks/remoteEntry.js"
          }
        ],
        "shared": {
          "@myapp/store": [
            {"version": "1.0.0", "singleton": true, "strictVersion": true, "requiredVersion": "1.0.0", "eager": false}
          ],
          "react-redux": [
            {"version": "9.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ],
          "react": [
            {"version": "18.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ]
        }
      },
      {
        "name": "content",
        "remotes": [],
        "shared": {
          "@myapp/store": [
            {"version": "1.0.0", "singleton": true, "strictVersion": true, "requiredVersion": "1.0.0", "eager": false}
          ],
          "react-redux": [
            {"version": "9.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ],
          "react": [
            {"version": "18.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ]
        }
      },
      {
        "name": "products",
        "remotes": [],
        "shared": {
          "@myapp/store": [
            {"version": "1.0.0", "singleton": true, "strictVersion": true, "requiredVersion": "1.0.0", "eager": false}
          ],
          "react-redux": [
            {"version": "9.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ],
          "react": [
            {"version": "18.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ]
        }
      },
      {
        "name": "auth",
        "remotes": [],
        "shared": {
          "@myapp/store": [
            {"version": "1.0.0", "singleton": true, "strictVersion": true, "requiredVersion": "1.0.0", "eager": false}
          ],
          "react-redux": [
            {"version": "9.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ],
          "react": [
            {"version": "18.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ]
        }
      }
    ],
    "shareScope": [
      {
        "scope": "default",
        "package": "@myapp/store",
        "version": "1.0.0",
        "from": "main",
        "loaded": true,
        "useIn": ["main", "content", "products", "auth"],
        "singleton": true,
        "strictVersion": true,
        "requiredVersion": "1.0.0",
        "eager": false
      },
      {
        "scope": "default",
        "package": "react-redux",
        "version": "9.3.1",
        "from": "main",
        "loaded": true,
        "useIn": ["main"],
        "singleton": true,
        "strictVersion": false,
        "requiredVersion": false,
        "eager": false
      },
      {
        "scope": "default",
        "package": "react",
        "version": "18.3.1",
        "from": "main",
        "loaded": true,
        "useIn": ["main", "content", "products", "auth"],
        "singleton": true,
        "strictVersion": false,
        "requiredVersion": false,
        "eager": false
      }
    ]
  },
  "failed_requests": [],
  "scripts": [
    {
      "url": "http://localhost:3000/_next/static/chunks/571.04a302889d5b6645.js",
      "mentions": ["@myapp/store", "react-redux"]
    },
    {
      "url": "http://localhost:3003/content/_next/static/chunks/remoteEntry.js",
      "mentions": ["@myapp/store", "react", "react-redux"]
    },
    {
      "url": "http://localhost:3002/products/_next/static/chunks/remoteEntry.js",
      "mentions": ["@myapp/store", "react", "react-redux"]
    },
    {"url": "http://localhost:3001/auth/remoteEntry.js", "mentions": ["@myapp/store", "react", "react-redux"]},
    {"url": "http://localhost:3001/auth/__federation_expose_Login.dc48aab4b879015ea99c.js", "mentions": ["react"]}
  ],
  "console": [],
  "page_errors": [],
  "slot_errors": []
}
"""
)

BROKEN = json.loads(
    r"""
{
  "url": "http://localhost:3000/",
  "routes": [
    {"route": "/", "url": "http://localhost:3000/", "navigation": "load", "settled": true, "pending": []},
    {
      "route": "/products",
      "url": "http://localhost:3000/products",
      "navigation": "next-router",
      "settled": true,
      "pending": []
    }
  ],
  "store_counter": "__myapp_store_count",
  "store_count": 1,
  "federation": {
    "instances": [
      {
        "name": "main",
        "remotes": [
          {"name": "auth", "alias": "auth", "entry": "http://localhost:3001/auth/remoteEntry.js"},
          {
            "name": "products",
            "alias": "products",
            "entry": "http://localhost:3002/products/_next/static/chunks/remoteEntry.js"
          },
          {
            "name": "content",
            "alias": "content",
            "entry": "http://localhost:3003/content/_next/static/chunks/remoteEntry.js"
          }
        ],
        "shared": {
          "@myapp/store": [
            {"version": "1.0.0", "singleton": true, "strictVersion": true, "requiredVersion": "1.0.0", "eager": false}
          ],
          "react-redux": [
            {"version": "9.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ],
          "react": [
            {"version": "18.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ]
        }
      },
      {
        "name": "content",
        "remotes": [],
        "shared": {
          "@myapp/store": [
            {"version": "1.0.0", "singleton": true, "strictVersion": true, "requiredVersion": "1.0.0", "eager": false}
          ],
          "react-redux": [
            {"version": "9.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ],
          "react": [
            {"version": "18.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ]
        }
      },
      {
        "name": "products",
        "remotes": [],
        "shared": {
          "react": [
            {"version": "18.3.1", "singleton": true, "strictVersion": false, "requiredVersion": false, "eager": false}
          ]
        }
      }
    ],
    "shareScope": [
      {
        "scope": "default",
        "package": "@myapp/store",
        "version": "1.0.0",
        "from": "main",
        "loaded": true,
        "useIn": ["main", "content"],
        "singleton": true,
        "strictVersion": true,
        "requiredVersion": "1.0.0",
        "eager": false
      },
      {
        "scope": "default",
        "package": "react-redux",
        "version": "9.3.1",
        "from": "main",
        "loaded": true,
        "useIn": ["main"],
        "singleton": true,
        "strictVersion": false,
        "requiredVersion": false,
        "eager": false
      },
      {
        "scope": "default",
        "package": "react",
        "version": "18.3.1",
        "from": "main",
        "loaded": true,
        "useIn": ["main", "content", "products"],
        "singleton": true,
        "strictVersion": false,
        "requiredVersion": false,
        "eager": false
      }
    ]
  },
  "failed_requests": [],
  "scripts": [
    {
      "url": "http://localhost:3000/_next/static/chunks/571.04a302889d5b6645.js",
      "mentions": ["@myapp/store", "react-redux"]
    },
    {
      "url": "http://localhost:3003/content/_next/static/chunks/remoteEntry.js",
      "mentions": ["@myapp/store", "react", "react-redux"]
    },
    {"url": "http://localhost:3002/products/_next/static/chunks/remoteEntry.js", "mentions": ["react"]},
    {"url": "http://localhost:3002/products/_next/static/chunks/541-7208525e23598eb6.js", "mentions": ["react-redux"]}
  ],
  "console": [],
  "page_errors": [],
  "slot_errors": []
}
"""
)

PRODUCTS_CHUNK = "http://localhost:3002/products/_next/static/chunks/541-7208525e23598eb6.js"
REFUSAL = (
    "Version 1.0.0 from main of shared singleton module @myapp/store does not satisfy the requirement "
    "of products which needs 1.1.0)"
)


def snapshot(base: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(base)


def share_entry(package: str, version: str, provider: str, *, singleton: bool = True) -> dict[str, Any]:
    return {
        "scope": "default",
        "package": package,
        "version": version,
        "from": provider,
        "loaded": True,
        "useIn": [provider],
        "singleton": singleton,
        "strictVersion": False,
        "requiredVersion": False,
        "eager": False,
    }


def test_healthy_snapshot_is_healthy() -> None:
    report = diagnose(HEALTHY)
    assert report.healthy
    assert report.problems == []
    assert report.store_count == 1
    assert report.host == "main"
    store = [item for item in report.shared if item.package == "@myapp/store"]
    assert [(item.provided_by, item.version, item.loaded) for item in store] == [("main", "1.0.0", True)]
    assert store[0].used_by == ["main", "content", "products", "auth"]
    assert report.duplicates == []
    assert report.remote_failures == []
    assert report.notes == []
    assert [container["name"] for container in report.containers] == ["main", "content", "products", "auth"]
    assert report.containers[0]["host"] is True


def test_remote_carrying_its_own_react_redux_is_named_with_its_container() -> None:
    report = diagnose(BROKEN)
    assert not report.healthy
    assert report.duplicates == [
        Duplicate(
            package="react-redux",
            containers=["products"],
            singleton=True,
            reason=(
                "products does not share react-redux, which main shares as a singleton, and runs its own copy; "
                "add react-redux to the shared block of products"
            ),
            evidence=[PRODUCTS_CHUNK],
        )
    ]
    assert report.problems == [f"singleton react-redux loaded more than once: {report.duplicates[0].reason}"]
    # The store package is left out too, but no copy of it reached the page: a note, not a problem.
    assert report.notes == [
        "products does not share @myapp/store (singletons of main); "
        "no copy of them was seen in its scripts, so it presumably does not use them"
    ]
    assert report.store_count == 1


def test_a_container_that_does_not_use_a_singleton_may_leave_it_out() -> None:
    data = snapshot(HEALTHY)
    content = next(i for i in data["federation"]["instances"] if i["name"] == "content")
    del content["shared"]["react-redux"]
    # Its remote entry named react-redux only because it was declared as shared.
    for script in data["scripts"]:
        if script["url"].startswith("http://localhost:3003/"):
            script["mentions"].remove("react-redux")
    report = diagnose(data)
    assert report.healthy
    assert report.notes == [
        "content does not share react-redux (singletons of main); "
        "no copy of them was seen in its scripts, so it presumably does not use them"
    ]


def test_the_report_counts_copies_of_the_federation_runtime_and_of_each_shared_package() -> None:
    data = snapshot(HEALTHY)
    # The host's runtime chunk carries the runtime twice (CommonJS and ESM), each remote once.
    copies = {"http://localhost:3000/_next/static/chunks/571.04a302889d5b6645.js": 2}
    for script in data["scripts"]:
        script["runtimeCopies"] = copies.get(script["url"], 1 if "remoteEntry" in script["url"] else 0)
    report = diagnose(data)
    assert report.copies["federation runtime"] == 5
    assert next(iter(report.copies)) == "federation runtime"
    assert report.copies["@myapp/store"] == 1
    assert report.copies["react"] == 1
    # A remote running its own bundled react-redux is one more copy of it.
    assert diagnose(BROKEN).copies["react-redux"] == 2


def test_a_script_scan_without_a_runtime_count_reads_as_none() -> None:
    assert diagnose(HEALTHY).copies["federation runtime"] == 0


def test_two_loaded_versions_of_a_singleton() -> None:
    data = snapshot(HEALTHY)
    data["federation"]["shareScope"].append(share_entry("react-redux", "9.2.0", "auth"))
    report = diagnose(data)
    assert report.duplicates == [
        Duplicate(
            package="react-redux",
            containers=["auth", "main"],
            singleton=True,
            reason="2 versions loaded (9.2.0 from auth, 9.3.1 from main)",
        )
    ]
    assert report.problems == [f"singleton react-redux loaded more than once: {report.duplicates[0].reason}"]


def test_two_versions_of_a_package_that_is_not_a_singleton_are_reported_only() -> None:
    data = snapshot(HEALTHY)
    data["federation"]["shareScope"] += [
        share_entry("lodash", "4.17.21", "main", singleton=False),
        share_entry("lodash", "4.17.20", "auth", singleton=False),
    ]
    report = diagnose(data)
    assert [(d.package, d.singleton) for d in report.duplicates] == [("lodash", False)]
    assert report.healthy


def test_a_registered_version_nobody_loaded_is_no_duplicate() -> None:
    data = snapshot(HEALTHY)
    data["federation"]["shareScope"].append({**share_entry("@myapp/store", "1.1.0", "products"), "loaded": False})
    report = diagnose(data)
    assert report.duplicates == []
    assert report.healthy


def test_more_than_one_store_is_a_problem() -> None:
    data = snapshot(HEALTHY)
    data["store_count"] = 2
    report = diagnose(data)
    assert report.problems == ["2 stores exist in the page; there must be one"]


def test_a_page_without_a_store_counter_has_an_unknown_store_count() -> None:
    data = snapshot(HEALTHY)
    data["store_count"] = None
    report = diagnose(data)
    assert report.healthy
    assert report.store_count is None
    assert report.notes == [
        "store count unknown: window.__myapp_store_count is not set (the page's store does not count itself)"
    ]


def test_a_refused_remote_is_named_from_the_runtime_the_slot_and_the_network() -> None:
    data = snapshot(HEALTHY)
    data["console"] = [
        {"type": "warning", "text": f"[ Federation Runtime ]: {REFUSAL}"},
        {"type": "error", "text": "The above error occurred in one of your React components"},
    ]
    data["slot_errors"] = [f"products/BeautyCare could not be loaded. {REFUSAL}"]
    data["failed_requests"] = [
        {
            "url": "http://localhost:3001/auth/remoteEntry.js?t=1",
            "resource_type": "script",
            "status": None,
            "reason": "net::ERR_CONNECTION_REFUSED",
        },
    ]
    report = diagnose(data)
    assert report.remote_failures == [
        RemoteFailure(
            "auth", "net::ERR_CONNECTION_REFUSED for http://localhost:3001/auth/remoteEntry.js?t=1", "request"
        ),
        RemoteFailure("products", f"[ Federation Runtime ]: {REFUSAL}", "runtime"),
        RemoteFailure("products", f"products/BeautyCare could not be loaded. {REFUSAL}", "slot"),
    ]
    assert len(report.problems) == 3
    assert report.console_errors == ["The above error occurred in one of your React components"]


def test_aborted_requests_and_api_errors_are_not_remote_failures() -> None:
    data = snapshot(HEALTHY)
    data["failed_requests"] = [
        {"url": PRODUCTS_CHUNK, "resource_type": "script", "status": None, "reason": "net::ERR_ABORTED"},
        {"url": "http://localhost:3000/api/auth/me", "resource_type": "fetch", "status": 401, "reason": "HTTP 401"},
    ]
    report = diagnose(data)
    assert report.healthy
    assert report.remote_failures == []
    assert len(report.failed_requests) == 2


def test_a_missing_chunk_is_a_failure_of_the_container_serving_it() -> None:
    data = snapshot(HEALTHY)
    data["failed_requests"] = [
        {"url": PRODUCTS_CHUNK, "resource_type": "script", "status": 404, "reason": "HTTP 404"},
    ]
    report = diagnose(data)
    assert report.remote_failures == [RemoteFailure("products", f"HTTP 404 for {PRODUCTS_CHUNK}", "request")]


def test_the_host_is_the_container_providing_the_singletons_not_the_first_one() -> None:
    data = snapshot(HEALTHY)
    instances = data["federation"]["instances"]
    instances.append(instances.pop(0))
    assert instances[0]["name"] == "content"
    assert diagnose(data).host == "main"


def test_a_page_without_module_federation() -> None:
    data = snapshot(HEALTHY)
    data["federation"] = None
    data["scripts"] = []
    report = diagnose(data)
    assert report.host is None
    assert report.shared == []
    assert report.notes == ["no Module Federation runtime on this page (window.__FEDERATION__ is not set)"]


def test_something_else_is_not_a_snapshot() -> None:
    with pytest.raises(DoctorError, match="not a fedctl doctor snapshot"):
        diagnose({"url": "http://localhost:3000/"})


def test_json_report_carries_the_verdict() -> None:
    report = json.loads(render_json(diagnose(BROKEN)))
    assert report["healthy"] is False
    assert report["host"] == "main"
    assert report["duplicates"][0]["package"] == "react-redux"
    assert report["duplicates"][0]["containers"] == ["products"]


# The command itself, on saved snapshots: no browser is started.

runner = CliRunner()


def saved(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_cli_healthy_snapshot_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["doctor", "--snapshot", saved(tmp_path, HEALTHY)])
    assert result.exit_code == 0, result.output
    assert "Stores: 1 (window.__myapp_store_count)" in result.output
    assert "Host: main" in result.output
    assert "│ @myapp/store │ 1.0.0   │ main        │ main, content, products, auth │ singleton, strictVersion │" in (
        result.output
    )
    assert "healthy: one store, no duplicated singleton, every remote loaded" in result.output


def test_cli_broken_snapshot_exits_1_naming_package_and_container(tmp_path: Path) -> None:
    result = runner.invoke(app, ["doctor", "--snapshot", saved(tmp_path, BROKEN)])
    assert result.exit_code == 1, result.output
    assert "Loaded more than once" in result.output
    assert "  - react-redux (products): products does not share react-redux" in result.output
    assert "1 problem(s):" in result.output

    as_json = runner.invoke(app, ["doctor", "--snapshot", saved(tmp_path, BROKEN), "--format", "json"])
    assert as_json.exit_code == 1
    assert json.loads(as_json.output)["problems"] == diagnose(BROKEN).problems


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "give either a URL or --snapshot FILE"),
        (["http://localhost:3000/", "--snapshot", "x.json"], "give either a URL or --snapshot FILE"),
        (["http://localhost:3000/", "--route", "products"], "a route is a path starting with '/': products"),
        (["ftp://localhost/"], "not an http(s) URL: ftp://localhost/"),
        (["--snapshot", "/nonexistent/snapshot.json"], "cannot read snapshot /nonexistent/snapshot.json"),
    ],
)
def test_cli_usage_errors_exit_2(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["doctor", *arguments])
    assert result.exit_code == 2
    assert f"fedctl doctor: error: {message}" in result.output


def test_cli_unknown_option_is_a_usage_error() -> None:
    assert runner.invoke(app, ["doctor", "--no-such-option"]).exit_code == 2


ROOT = Path(__file__).resolve().parents[1]
FEDERATION_PACKAGES = ROOT / "node_modules" / "@module-federation"


@pytest.mark.parametrize("build", ["global.js", "global.cjs"])
def test_the_runtime_signature_is_in_each_build_of_the_runtime_once(build: str) -> None:
    from fedctl.doctor.collect import RUNTIME_SIGNATURE

    source = (FEDERATION_PACKAGES / "runtime-core" / "dist" / build).read_text()
    assert len(RUNTIME_SIGNATURE.findall(source)) == 1
    # Minified, as in a production build.
    assert len(RUNTIME_SIGNATURE.findall("e.__FEDERATION__={__SHARE__:{},__PRELOADED_MAP__:new Map,x:1}")) == 1


def test_the_runtime_signature_is_not_in_what_a_container_without_its_own_runtime_bundles() -> None:
    from fedctl.doctor.collect import RUNTIME_SIGNATURE

    # A remote whose runtime is the host's still bundles these (its loader and its error messages).
    for package in ("runtime", "webpack-bundler-runtime", "error-codes", "sdk"):
        for source in (FEDERATION_PACKAGES / package / "dist").rglob("*.js"):
            assert not RUNTIME_SIGNATURE.search(source.read_text()), source
