"""The small part of npm's semver that version contracts need: parsing, and `satisfies` for ranges.

Supported ranges: `*`, `x`, exact versions (`1.2.3`, `=1.2.3`, `v1.2.3`), `^`, `~`, comparators
(`>=`, `>`, `<=`, `<`), space-separated intersections and `||` unions. Prerelease tags compare as
npm does for ordering, but the "prerelease only matches the same tuple" subtlety is not modelled.
"""

from __future__ import annotations

import re

# The official semver 2.0.0 grammar (semver.org), used to validate `bump` arguments.
SEMVER_PATTERN = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
_LOOSE = re.compile(r"^v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")
_COMPARATOR = re.compile(r"^(\^|~|>=|<=|>|<|=)?\s*(.+)$")

Version = tuple[int, int, int, tuple[tuple[int, int | str], ...]]


def is_semver(text: str) -> bool:
    return SEMVER_PATTERN.match(text) is not None


def parse(text: str) -> Version | None:
    """Parse a full version; None when `text` is not one."""
    match = _LOOSE.match(text.strip())
    if not match or match.group(2) in (None, "x", "X", "*") or match.group(3) in (None, "x", "X", "*"):
        return None
    return _version(match)


def _version(match: re.Match[str]) -> Version:
    major, minor, patch = (int(g) if g and g.isdigit() else 0 for g in match.group(1, 2, 3))
    pre: tuple[tuple[int, int | str], ...] = ()
    if match.group(4):
        pre = tuple((0, int(p)) if p.isdigit() else (1, p) for p in match.group(4).split("."))
    return (major, minor, patch, pre)


def _key(version: Version) -> tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]:
    # A release sorts after its prereleases.
    major, minor, patch, pre = version
    return (major, minor, patch, 0 if pre else 1, pre)


def compare(a: Version, b: Version) -> int:
    ka, kb = _key(a), _key(b)
    return (ka > kb) - (ka < kb)


def satisfies(version: str, range_text: str) -> bool:
    """True when `version` lies in `range_text`; False for anything this module cannot read."""
    parsed = parse(version)
    if parsed is None:
        return False
    for alternative in range_text.split("||"):
        comparators = alternative.split()
        if not comparators or all(_comparator_holds(parsed, c) for c in comparators):
            return True
    return False


def _comparator_holds(version: Version, comparator: str) -> bool:
    if comparator in ("*", "x", "X", "latest"):
        return True
    match = _COMPARATOR.match(comparator)
    if not match:
        return False
    operator, operand = match.group(1) or "=", match.group(2)
    loose = _LOOSE.match(operand)
    if not loose:
        return False
    base = _version(loose)
    wildcard_minor = loose.group(2) in (None, "x", "X", "*")
    wildcard_patch = wildcard_minor or loose.group(3) in (None, "x", "X", "*")
    major, minor, patch, _ = base
    if operator == "=" and wildcard_minor:
        return version[0] == major
    if operator == "=" and wildcard_patch:
        return version[0] == major and version[1] == minor
    if operator == "^":
        if major > 0 or wildcard_minor:
            upper_v: Version = (major + 1, 0, 0, ())
        elif minor > 0 or wildcard_patch:
            upper_v = (0, minor + 1, 0, ())
        else:
            upper_v = (0, 0, patch + 1, ())
        return compare(version, base) >= 0 and compare(version, upper_v) < 0
    if operator == "~":
        upper_v = (major + 1, 0, 0, ()) if wildcard_minor else (major, minor + 1, 0, ())
        return compare(version, base) >= 0 and compare(version, upper_v) < 0
    order = compare(version, base)
    return {
        "=": order == 0,
        ">=": order >= 0,
        ">": order > 0,
        "<=": order <= 0,
        "<": order < 0,
    }[operator]


def replace_version_keeping_operator(spec: str, new_version: str) -> str | None:
    """`^1.0.0` -> `^1.1.0`, `workspace:~1.0.0` -> `workspace:~1.1.0`; None for specs with no version."""
    prefix = ""
    if spec.startswith("workspace:"):
        prefix, spec = "workspace:", spec[len("workspace:") :]
    match = re.fullmatch(r"(\^|~|>=|=)?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)", spec.strip())
    if not match:
        return None
    return f"{prefix}{match.group(1) or ''}{new_version}"
