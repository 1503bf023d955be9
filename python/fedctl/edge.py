"""The edge of a one-origin environment: an nginx configuration generated from federation.json.

Nothing here serves a request: nginx (Debian's package, with its brotli filter module when
installed) does. This module only writes its configuration, under a prefix folder of its own
(configuration, logs, temporary files, pid), and says how to start it. The generated file is
never committed nor edited by hand: change federation.json or this template instead.

What the configuration does, per federation.json:
- React remotes: their production build (`dist-<env>/`) served from disk under the app's path;
  a path with no such file falls through to the host (`/cart` is a host page);
- Next apps: proxied to their `next start` servers, the host at `/`, remotes under their path;
- the API: proxied to every API worker (HTTP and the chat WebSocket), the client's address
  forwarded, the edge's own connections made from `edgeAddress`, the one address the workers
  trust for X-Forwarded-For;
- caching: hashed files are immutable for a year; container entries, manifests and HTML are
  `no-cache` (the browser revalidates with the ETag and gets a 304 when nothing changed);
- brotli (when the module is installed) and gzip, security headers, request size limits.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from fedctl.manifest import App, Manifest

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")

# Biggest request body the edge accepts; the API's own bodies are small JSON documents.
MAX_BODY = "1m"
COMPRESSIBLE = "text/css text/plain application/javascript application/json application/manifest+json image/svg+xml"
IMMUTABLE = "public, max-age=31536000, immutable"
# Webpack's `[name].[contenthash].js` (20 hex digits by default) and its source maps.
HASHED_FILE = r"\.[0-9a-f]{16,}\.(js|css)(\.map)?$"


class EdgeError(Exception):
    """nginx is missing or refused the generated configuration."""


@dataclass(frozen=True)
class EdgeSettings:
    manifest: Manifest
    env: str
    prefix: Path
    # The browser-facing origin baked into the builds (http://localhost:8080, https://shop.example.com).
    origin: str
    listen_port: int
    api_ports: list[int]
    listen_address: str = "127.0.0.1"
    upstream_host: str = "127.0.0.1"
    edge_address: str | None = None
    tls_certificate: Path | None = None
    tls_key: Path | None = None
    brotli: bool = field(default_factory=BROTLI_MODULE.exists)

    @property
    def https(self) -> bool:
        return self.tls_certificate is not None

    @property
    def url(self) -> str:
        scheme = "https" if self.https else "http"
        return f"{scheme}://localhost:{self.listen_port}"

    @property
    def config_path(self) -> Path:
        return self.prefix / "nginx.conf"

    @property
    def security_headers_path(self) -> Path:
        return self.prefix / "security-headers.conf"

    @property
    def static_root(self) -> Path:
        return self.prefix / "html"


def websocket_origin(origin: str) -> str:
    return origin.replace("https://", "wss://", 1).replace("http://", "ws://", 1)


def content_security_policy(settings: EdgeSettings) -> str:
    """Same-origin everything. Scripts only from files (the pages router's __NEXT_DATA__ is a JSON
    data block, never run); inline styles for server-rendered style props; the chat socket."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            f"connect-src 'self' {websocket_origin(settings.origin)}",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )


def security_header_lines(settings: EdgeSettings) -> list[str]:
    """The security headers, written once to security-headers.conf in the prefix."""
    headers = [
        f'add_header Content-Security-Policy "{content_security_policy(settings)}" always;',
        'add_header X-Content-Type-Options "nosniff" always;',
        'add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
        'add_header X-Frame-Options "DENY" always;',
    ]
    if settings.https:
        headers.append('add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;')
    return headers


def security_headers(settings: EdgeSettings) -> list[str]:
    """Every location that sets a header of its own includes these again: nginx drops inherited
    add_header directives in a location that has any."""
    return [f"include {settings.security_headers_path};"]


def upstream_name(app: App) -> str:
    return f"next_{app.name}"


def block(head: str, lines: list[str]) -> str:
    inner = "\n".join(f"    {line}" if line else "" for line in "\n".join(lines).split("\n"))
    return f"{head} {{\n{inner}\n}}"


def cached(settings: EdgeSettings, cache_control: str, *, replace: bool) -> list[str]:
    """Cache-Control (replacing the upstream's when `replace`) plus the security headers."""
    hide = ["proxy_hide_header Cache-Control;"] if replace else []
    return [*hide, f'add_header Cache-Control "{cache_control}" always;', *security_headers(settings)]


def proxy_to(upstream: str) -> list[str]:
    return [f"proxy_pass http://{upstream};"]


def render(settings: EdgeSettings) -> str:
    """The whole nginx.conf of the edge."""
    manifest = settings.manifest
    prefix = settings.prefix
    host = manifest.app(manifest.host)
    next_apps = [app for app in manifest.apps.values() if app.kind == "next"]
    react_apps = [app for app in manifest.apps.values() if app.kind == "react"]
    api = manifest.api_path

    upstreams = [
        block(
            "upstream api",
            [
                # Fewest open requests first: a chat socket is a long request.
                "least_conn;",
                # One refused connection takes a worker out for 5 s; requests go to the others.
                *(
                    f"server {settings.upstream_host}:{port} max_fails=1 fail_timeout=5s;"
                    for port in settings.api_ports
                ),
                "keepalive 16;",
            ],
        )
    ]
    upstreams += [
        block(f"upstream {upstream_name(app)}", [f"server {settings.upstream_host}:{app.port};", "keepalive 8;"])
        for app in next_apps
    ]

    api_proxy = [
        *proxy_to("api"),
        # The API sees the visitor's address, written by the edge (never appended to what the
        # client sent), and trusts it only from the edge's own address.
        *([f"proxy_bind {settings.edge_address};"] if settings.edge_address else []),
    ]
    locations: list[str] = [
        block(
            f"location = {api}/chat/ws",
            [
                *api_proxy,
                # Sockets stay open; uvicorn pings every 20 s, so 5 minutes only ends dead ones.
                "proxy_read_timeout 300s;",
            ],
        ),
        block(
            f"location {api}/",
            [
                *api_proxy,
                "proxy_read_timeout 30s;",
                # A refused connection (a worker that died) is retried on another worker. nginx
                # never resends a POST or PATCH that reached a worker (no `non_idempotent`).
                "proxy_next_upstream error timeout http_502 http_503;",
                "proxy_next_upstream_tries 2;",
                "proxy_next_upstream_timeout 5s;",
            ],
        ),
    ]
    for app in react_apps:
        locations.append(
            block(
                f"location ^~ {app.path}/",
                [
                    f"root {settings.static_root};",
                    # No `$uri/`: a folder is not a page here; `/cart` and `/cart/` are the host's.
                    f"try_files $uri @{upstream_name(host)};",
                    *cached(settings, "no-cache", replace=False),
                    block(f'location ~ "{HASHED_FILE}"', cached(settings, IMMUTABLE, replace=False)),
                ],
            )
        )
    # federation.json's `files`: a container's entry, and the federation runtime a remote's own
    # pages load first. Their names are letters, digits, `.`, `_` and `-` (fedctl.manifest checks),
    # so only `.` needs escaping.
    unhashed = "(" + "|".join(file.replace(".", r"\.") for file in settings.manifest.revalidated_files) + ")"
    for app in next_apps:
        for side in ("chunks", "ssr"):
            # Next's own header for these is `immutable`: replaced, an entry keeps its name.
            locations.append(
                block(
                    f'location ~ "^{app.path}/_next/static/{side}/{unhashed}$"',
                    [*proxy_to(upstream_name(app)), *cached(settings, "no-cache", replace=True)],
                )
            )
    for app in next_apps:
        if app.path:
            # The host's page of the same name (`/products`). Without this, nginx answers it with
            # a redirect to `/products/`, which the remote's Next redirects back: a loop.
            locations.append(
                block(
                    f"location = {app.path}",
                    [*proxy_to(upstream_name(host)), *cached(settings, "no-cache", replace=True)],
                )
            )
        root = f"{app.path}/" if app.path else "/"
        # Hashed build files: Next's own `immutable` header stays.
        locations.append(
            block(f"location {app.path}/_next/static/", [*proxy_to(upstream_name(app)), *security_headers(settings)])
        )
        # Pages (HTML and /_next/data): always revalidated.
        locations.append(
            block(f"location {root}", [*proxy_to(upstream_name(app)), *cached(settings, "no-cache", replace=True)])
        )
    locations.append(
        block(
            f"location @{upstream_name(host)}",
            [*proxy_to(upstream_name(host)), *cached(settings, "no-cache", replace=True)],
        )
    )

    listen = f"listen {settings.listen_address}:{settings.listen_port}"
    tls: list[str] = []
    if settings.https:
        listen += " ssl http2"
        tls = [
            f"ssl_certificate {settings.tls_certificate};",
            f"ssl_certificate_key {settings.tls_key};",
            "ssl_protocols TLSv1.2 TLSv1.3;",
        ]
    server = block(
        "server",
        [
            f"{listen};",
            "server_name _;",
            *tls,
            "proxy_http_version 1.1;",
            # Upgrade for the chat socket; otherwise an empty Connection keeps upstreams alive.
            "proxy_set_header Upgrade $http_upgrade;",
            "proxy_set_header Connection $connection_upgrade;",
            "proxy_set_header Host $http_host;",
            "proxy_set_header X-Forwarded-For $remote_addr;",
            "proxy_set_header X-Forwarded-Proto $scheme;",
            "proxy_set_header X-Forwarded-Host $http_host;",
            *security_headers(settings),
            "",
            *locations,
        ],
    )

    compression = [
        "gzip on;",
        "gzip_vary on;",
        "gzip_proxied any;",
        "gzip_comp_level 5;",
        "gzip_min_length 1024;",
        f"gzip_types {COMPRESSIBLE};",
    ]
    if settings.brotli:
        compression += [
            "brotli on;",
            "brotli_comp_level 5;",
            "brotli_min_length 1024;",
            f"brotli_types {COMPRESSIBLE};",
        ]

    temp = prefix / "temp"
    http = block(
        "http",
        [
            f"include {MIME_TYPES};" if MIME_TYPES.exists() else "types { application/javascript js; text/html html; }",
            "default_type application/octet-stream;",
            # The path only: a query string can carry a token (the chat socket's).
            "log_format edge '$remote_addr [$time_local] \"$request_method $uri\" $status $body_bytes_sent '",
            "                '$request_time $upstream_addr';",
            f"access_log {prefix / 'logs' / 'access.log'} edge;",
            f"client_body_temp_path {temp / 'client_body'};",
            f"proxy_temp_path {temp / 'proxy'};",
            f"fastcgi_temp_path {temp / 'fastcgi'};",
            f"uwsgi_temp_path {temp / 'uwsgi'};",
            f"scgi_temp_path {temp / 'scgi'};",
            "server_tokens off;",
            "sendfile on;",
            "tcp_nopush on;",
            "keepalive_timeout 65s;",
            f"client_max_body_size {MAX_BODY};",
            "client_header_buffer_size 4k;",
            "large_client_header_buffers 4 16k;",
            *compression,
            "map $http_upgrade $connection_upgrade { default upgrade; '' ''; }",
            "",
            *upstreams,
            "",
            server,
        ],
    )
    modules = [f"load_module {BROTLI_MODULE};"] if settings.brotli else []
    return "\n".join(
        [
            f"# Generated by fedctl from {manifest.root / 'federation.json'} (environment {settings.env!r}).",
            "# Do not edit: change federation.json or python/fedctl/edge.py and start again.",
            *modules,
            "daemon off;",
            "worker_processes 2;",
            f"pid {prefix / 'nginx.pid'};",
            f"error_log {prefix / 'logs' / 'error.log'} warn;",
            block("events", ["worker_connections 1024;"]),
            http,
            "",
        ]
    )


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise EdgeError("nginx is not installed: `make prod` / `make test` install it (Debian package nginx)")
    return found


def write(settings: EdgeSettings) -> Path:
    """Lays out the prefix folder (config, static roots, logs, temp) and checks it with `nginx -t`."""
    prefix = settings.prefix
    for folder in (prefix / "logs", prefix / "temp" / "client_body", prefix / "temp" / "proxy", settings.static_root):
        folder.mkdir(parents=True, exist_ok=True)
    for app in settings.manifest.apps.values():
        if app.kind != "react":
            continue
        link = settings.static_root / app.path.strip("/")
        if link.is_symlink() or link.exists():
            link.unlink()
        build = settings.manifest.build_directory(app, settings.env)
        if not settings.manifest.has_build(app, settings.env):
            raise EdgeError(
                f"no {settings.env} build of {app.name} in {build}: run `fedctl build --env {settings.env}`"
            )
        link.symlink_to(build, target_is_directory=True)
    settings.security_headers_path.write_text("\n".join(security_header_lines(settings)) + "\n")
    settings.config_path.write_text(render(settings))
    check = subprocess.run(
        [nginx_binary(), "-t", "-q", "-p", str(prefix), "-c", str(settings.config_path)],
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        raise EdgeError(f"nginx refused {settings.config_path}:\n{check.stderr.strip()}")
    return settings.config_path


def command(settings: EdgeSettings) -> list[str]:
    """nginx in the foreground on the written configuration (`write` first)."""
    return [nginx_binary(), "-p", str(settings.prefix), "-c", str(settings.config_path)]


def reload(settings: EdgeSettings) -> None:
    """Re-reads the configuration (after `write`), finishing requests under way on the old one."""
    subprocess.run([*command(settings), "-s", "reload"], check=True, capture_output=True)
