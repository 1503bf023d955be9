"""The typed snapshot (what the browser saw) and the report (what it means).

The snapshot is what `collect()` returns and `--save-snapshot` writes; reading one back
(`--snapshot FILE`, or a dict in tests) validates it, so a file that is not a snapshot is refused with
what is wrong instead of failing half-way through the diagnosis. Field names follow the JSON the
page's federation runtime gives (`useIn`, `strictVersion`, `from`), through aliases.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

DEFAULT_STORE_COUNTER = "__myapp_store_count"
FEDERATION_RUNTIME_TAG = "[ Federation Runtime ]"


class DoctorError(Exception):
    """The page could not be examined (no browser, URL not reachable, bad snapshot): exit 2."""


class _Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore", frozen=True)


class ShareFlags(_Model):
    singleton: bool = False
    strict_version: bool = Field(False, alias="strictVersion")
    required_version: str | bool | None = Field(None, alias="requiredVersion")
    eager: bool = False


class DeclaredShared(ShareFlags):
    """One entry of a container's `options.shared[package]`."""

    version: str | None = None


class RemoteRef(_Model):
    name: str
    alias: str | None = None
    entry: str | None = None


class Instance(_Model):
    """A federation container the page created (`window.__FEDERATION__.__INSTANCES__[i]`)."""

    name: str
    remotes: list[RemoteRef] = Field(default_factory=list)
    shared: dict[str, list[DeclaredShared]] = Field(default_factory=dict)


class ShareScopeEntry(ShareFlags):
    """One registered version of one package in a share scope."""

    scope: str
    package: str
    version: str
    provided_by: str | None = Field(None, alias="from")
    loaded: bool = False
    use_in: list[str] = Field(default_factory=list, alias="useIn")


class Federation(_Model):
    instances: list[Instance]
    share_scope: list[ShareScopeEntry] = Field(alias="shareScope")


class Visit(_Model):
    route: str
    url: str | None = None
    navigation: str = "load"
    settled: bool = True
    pending: list[str] = Field(default_factory=list)


class FailedRequest(_Model):
    url: str
    resource_type: str
    status: int | None = None
    reason: str


class ScriptScan(_Model):
    """Which shared package names a script the page ran mentions (evidence of a bundled copy),
    and how many copies of the Module Federation runtime it carries."""

    url: str
    mentions: list[str]
    runtime_copies: int = Field(default=0, alias="runtimeCopies")


class ConsoleEntry(_Model):
    type: str
    text: str


class Snapshot(_Model):
    """Everything `collect()` saw on the page, as plain, typed data."""

    url: str
    routes: list[Visit]
    store_counter: str = DEFAULT_STORE_COUNTER
    store_count: int | None = None
    federation: Federation | None = None
    failed_requests: list[FailedRequest]
    scripts: list[ScriptScan]
    console: list[ConsoleEntry]
    page_errors: list[str]
    slot_errors: list[str]

    @classmethod
    def parse(cls, data: Any) -> Snapshot:
        """Validates `data` (a dict read from JSON); DoctorError says what does not fit."""
        if isinstance(data, Snapshot):
            return data
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "(top level)"
            raise DoctorError(f"not a fedctl doctor snapshot ({where}: {first['msg']})") from error

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)


# ---------------------------------------------------------------------------------------------
# The report.


@dataclass(frozen=True)
class SharedPackage:
    """One version of one package in the share scope."""

    package: str
    version: str
    provided_by: str | None
    used_by: list[str]
    loaded: bool
    singleton: bool
    strict_version: bool
    required_version: str | bool | None
    scope: str = "default"


@dataclass(frozen=True)
class Duplicate:
    """A package whose code runs more than once in the page."""

    package: str
    containers: list[str]
    singleton: bool
    reason: str
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RemoteFailure:
    container: str | None
    reason: str
    source: str  # "request", "runtime" or "slot"


@dataclass
class Report:
    url: str
    routes: list[dict[str, Any]]
    host: str | None
    store_counter: str
    store_count: int | None
    containers: list[dict[str, Any]]
    shared: list[SharedPackage]
    duplicates: list[Duplicate]
    # How many copies of each piece of code ran in the page: "federation runtime" (counted in the
    # scripts themselves), then each shared package (versions loaded from the share scope, plus
    # containers that run their own bundled copy).
    copies: dict[str, int]
    remote_failures: list[RemoteFailure]
    failed_requests: list[dict[str, Any]]
    console_errors: list[str]
    notes: list[str]
    problems: list[str]

    @property
    def healthy(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {"healthy": self.healthy, **asdict(self)}
