"""federation.json, read once and typed, for every fedctl command.

The JavaScript side reads the same file through @myapp/federation; both derive URLs with the
same rules, so a port or a path is only ever written in federation.json.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

MANIFEST_NAME = "federation.json"
# The version contracts an in-house package can choose (`shared[name].contract`); see
# packages/federation's contractRange for what each one requires at runtime.
CONTRACTS = ("exact", "compatible")
# Next's own list of the ports it refuses to serve on ("Bad port: ... is reserved for ..."): the
# fetch standard's "bad ports", which Chromium and Firefox refuse to connect to as well. It is read
# from the installed Next rather than copied here, so it follows Next's upgrades; no Python
# library ships that list.
NEXT_RESERVED_PORTS = Path("node_modules/next/dist/lib/helpers/get-reserved-port.js")


# The roles of federation.json's `files`.
FILE_ROLES = ("entry", "manifest", "standaloneRuntime")
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class ManifestError(Exception):
    """federation.json is missing or does not describe a federation we can run."""


@dataclass(frozen=True)
class App:
    name: str
    kind: Literal["next", "react"]
    federation_name: str
    port: int
    path: str
    remotes: tuple[str, ...]
    exposes: dict[str, str] = field(hash=False, compare=False)

    @property
    def directory(self) -> str:
        return f"apps/{self.name}"


@dataclass(frozen=True)
class Manifest:
    root: Path
    host: str
    share_strategy: str
    api_port: int
    api_path: str
    apps: dict[str, App]
    shared: dict[str, dict[str, Any]]
    environments: dict[str, dict[str, Any]]
    # `files`: what builds write under a fixed name, by role ("entry", "manifest", "standaloneRuntime").
    files: dict[str, str]

    @property
    def entry_file(self) -> str:
        """The file name of every container's entry (`remoteEntry.js`)."""
        return self.files["entry"]

    @property
    def revalidated_files(self) -> tuple[str, ...]:
        """The files builds write without a content hash: served no-cache, revalidated on every load."""
        return tuple(self.files[role] for role in FILE_ROLES)

    def app(self, name: str) -> App:
        try:
            return self.apps[name]
        except KeyError:
            known = ", ".join(self.apps)
            raise ManifestError(f"{name!r} is not an app of {MANIFEST_NAME} (known: {known})") from None

    def environment(self, env: str) -> dict[str, Any]:
        try:
            return self.environments[env]
        except KeyError:
            known = ", ".join(self.environments)
            raise ManifestError(f"{env!r} is not an environment of {MANIFEST_NAME} (known: {known})") from None

    def origin(self, env: str, app: App | None = None) -> str:
        """An environment's origin, as @myapp/federation's environmentOrigin: a one-origin
        environment (with its own `port`, the edge's) takes FEDERATION_ORIGIN when it is set."""
        spec = self.environment(env)
        if "port" in spec and os.environ.get("FEDERATION_ORIGIN"):
            return os.environ["FEDERATION_ORIGIN"].rstrip("/")
        port = spec.get("port", app.port if app else None)
        if port is None:
            raise ManifestError(f"environment {env!r} has one origin per app: name the app")
        return str(spec["origin"]).replace("{port}", str(port))

    def base_url(self, app: App, env: str = "local") -> str:
        """Where an app is reached, path prefix included, as @myapp/federation's appBaseUrl."""
        return self.origin(env, app) + app.path

    def build_directory(self, app: App, env: str = "local") -> Path:
        """An app's build for an environment, as @myapp/federation's buildDirectory."""
        self.environment(env)
        base = "dist" if app.kind == "react" else ".next"
        return self.root / app.directory / (base if env == "local" else f"{base}-{env}")

    def has_build(self, app: App, env: str = "local") -> bool:
        """Whether an app's build for an environment is there (a React remote's entry, a Next BUILD_ID)."""
        marker = self.entry_file if app.kind == "react" else "BUILD_ID"
        return (self.build_directory(app, env) / marker).is_file()

    def edge_port(self, env: str) -> int:
        """The port the edge of a one-origin environment listens on."""
        try:
            return int(self.environment(env)["port"])
        except KeyError:
            raise ManifestError(f"environment {env!r} has no edge: it names no `port`") from None

    def api_worker_ports(self, env: str) -> list[int]:
        """The API processes of an environment, on the ports after the API's own."""
        workers = int(self.environment(env).get("apiWorkers", 1))
        return [self.api_port + index for index in range(1, workers + 1)]

    def remote_entry_url(self, app: App, env: str = "local", *, server: bool = False) -> str:
        base = self.base_url(app, env)
        if app.kind == "react":
            return f"{base}/{self.entry_file}"
        return f"{base}/_next/static/{'ssr' if server else 'chunks'}/{self.entry_file}"

    def api_origin(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def in_house_packages(self) -> dict[str, Path]:
        """In-house shared packages and their workspace folders."""
        return {name: self.root / spec["workspace"] for name, spec in self.shared.items() if spec.get("workspace")}

    def build_order(self) -> list[App]:
        """Remotes first, the host last: a reader of the build log sees the host built on top."""
        return sorted(self.apps.values(), key=lambda app: app.name == self.host)


def reserved_ports(root: Path) -> dict[int, str] | None:
    """The ports browsers and Next refuse, with the service each is reserved for; None before
    `npm ci` has installed Next (fedctl checks again once it has, see check_reserved_ports)."""
    path = root / NEXT_RESERVED_PORTS
    if not path.is_file():
        return None
    block = re.search(r"KNOWN_RESERVED_PORTS\s*=\s*\{(.*?)\}", path.read_text(), re.DOTALL)
    if block is None:
        raise ManifestError(f"{path} no longer defines KNOWN_RESERVED_PORTS: review fedctl.manifest.reserved_ports")
    return {int(port): service for port, service in re.findall(r'(\d+)\s*:\s*"([^"]*)"', block.group(1))}


def declared_ports(manifest: Manifest) -> list[tuple[str, int]]:
    """Every port federation.json makes something listen on, with the field that says so."""
    ports = [("api.port", manifest.api_port)]
    ports += [(f"apps.{app.name}.port", app.port) for app in manifest.apps.values()]
    for env, spec in manifest.environments.items():
        if "port" in spec:
            ports.append((f"environments.{env}.port", int(spec["port"])))
        if int(spec.get("apiWorkers", 0)):
            ports += [(f"environments.{env}.apiWorkers (API worker)", port) for port in manifest.api_worker_ports(env)]
    return ports


def check_reserved_ports(manifest: Manifest) -> None:
    """Refuses a port browsers and Next block: it would only fail later, in a browser or at
    `next start` ("Bad port: "6000" is reserved for x11"). Skipped while Next is not installed."""
    reserved = reserved_ports(manifest.root)
    if reserved is None:
        return
    for field_name, port in declared_ports(manifest):
        if port in reserved:
            raise ManifestError(
                f"{MANIFEST_NAME}: {field_name} is {port}, a port browsers and Next refuse (reserved for "
                f"{reserved[port]}); choose another"
            )


def check_unique(manifest: Manifest) -> None:
    """Two servers cannot listen on one port, and two apps cannot be reached under one path."""
    seen: dict[int, str] = {}
    for field_name, port in declared_ports(manifest):
        if not 0 < port < 65536:
            raise ManifestError(f"{MANIFEST_NAME}: {field_name} is {port}, not a TCP port (1-65535)")
        if port in seen:
            raise ManifestError(
                f"{MANIFEST_NAME}: {field_name} is {port}, already taken by {seen[port]}; choose another"
            )
        seen[port] = field_name
    paths: dict[str, str] = {manifest.api_path: "api.path"}
    for app in manifest.apps.values():
        field_name = f"apps.{app.name}.path"
        if app.path and (not app.path.startswith("/") or app.path.endswith("/")):
            raise ManifestError(
                f"{MANIFEST_NAME}: {field_name} is {app.path!r}; write '' or '/name' (a leading slash, none at the end)"
            )
        if app.path in paths:
            raise ManifestError(
                f"{MANIFEST_NAME}: {field_name} is {app.path!r}, already taken by {paths[app.path]}; choose another"
            )
        paths[app.path] = field_name


def find_root(start: Path | None = None) -> Path:
    """The nearest folder, from `start` upwards, that holds federation.json."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MANIFEST_NAME).is_file():
            return folder
    raise ManifestError(f"no {MANIFEST_NAME} in {here} or any folder above it")


def load(root: Path | None = None) -> Manifest:
    root = root or find_root()
    path = root / MANIFEST_NAME
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise ManifestError(f"{path} does not exist") from None
    except json.JSONDecodeError as error:
        raise ManifestError(f"{path} is not valid JSON: {error}") from None
    try:
        apps = {
            name: App(
                name=name,
                kind=spec["kind"],
                federation_name=spec["federationName"],
                port=int(spec["port"]),
                path=spec.get("path", ""),
                remotes=tuple(spec.get("remotes", [])),
                exposes=dict(spec.get("exposes", {})),
            )
            for name, spec in data["apps"].items()
        }
        manifest = Manifest(
            root=root,
            host=data["host"],
            share_strategy=data.get("shareStrategy", "version-first"),
            api_port=int(data["api"]["port"]),
            api_path=data["api"]["path"],
            apps=apps,
            shared=data["shared"],
            environments=data["environments"],
            files={role: str(file) for role, file in data["files"].items() if role != "$comment"},
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ManifestError(f"{path} is missing or has a malformed field: {error}") from None
    for app in apps.values():
        if app.kind not in ("next", "react"):
            raise ManifestError(f"app {app.name!r}: kind must be 'next' or 'react', not {app.kind!r}")
        for remote in app.remotes:
            if remote not in apps:
                raise ManifestError(f"app {app.name!r} lists unknown remote {remote!r}")
    for name, spec in manifest.shared.items():
        contract = spec.get("contract", "exact") if isinstance(spec, dict) else "exact"
        if contract not in CONTRACTS:
            raise ManifestError(f"shared {name!r}: contract must be one of {', '.join(CONTRACTS)}, not {contract!r}")
        if contract != "exact" and not spec.get("workspace"):
            raise ManifestError(f"shared {name!r}: a contract applies to in-house packages (with a workspace) only")
        tree_shaking = spec.get("treeShaking", False) if isinstance(spec, dict) else False
        if not isinstance(tree_shaking, bool):
            raise ManifestError(f"shared {name!r}: treeShaking must be true or false, not {tree_shaking!r}")
        if tree_shaking and spec.get("workspace"):
            # Remotes import from an in-house package what the host may not: its copy must stay whole.
            raise ManifestError(f"shared {name!r}: treeShaking applies to registry packages only, not in-house ones")
        if tree_shaking and not spec.get("singleton"):
            raise ManifestError(
                f"shared {name!r}: treeShaking is supported for singletons only (audit MF011 checks them)"
            )
    for role in FILE_ROLES:
        file = manifest.files.get(role)
        if not file or not FILE_NAME.fullmatch(file):
            raise ManifestError(
                f"files.{role}: a file name is required: letters, digits, '.', '_' and '-', without a folder"
            )
    manifest.app(manifest.host)
    check_unique(manifest)
    check_reserved_ports(manifest)
    return manifest
