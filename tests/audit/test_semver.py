"""The semver subset behind version contracts."""

import pytest

from fedctl.audit.semver import is_semver, replace_version_keeping_operator, satisfies


@pytest.mark.parametrize(
    ("version", "range_text", "expected"),
    [
        ("1.1.0", "1.0.0", False),
        ("1.0.0", "1.0.0", True),
        ("1.1.0", "^1.0.0", True),
        ("2.0.0", "^1.0.0", False),
        ("0.2.5", "^0.2.0", True),
        ("0.3.0", "^0.2.0", False),
        ("1.2.9", "~1.2.0", True),
        ("1.3.0", "~1.2.0", False),
        ("1.4.0", ">=1.2.0 <2.0.0", True),
        ("3.0.0", "^1.0.0 || ^3.0.0", True),
        ("1.0.0-beta.1", "1.0.0", False),
        ("1.5.0", "1.x", True),
        ("1.5.0", "*", True),
    ],
)
def test_satisfies(version, range_text, expected):
    assert satisfies(version, range_text) is expected


def test_is_semver():
    assert is_semver("1.2.3") and is_semver("1.0.0-rc.1+build.5")
    assert not is_semver("1.2") and not is_semver("v1.2.3") and not is_semver("01.2.3")


def test_replace_version_keeping_operator():
    assert replace_version_keeping_operator("^1.0.0", "1.1.0") == "^1.1.0"
    assert replace_version_keeping_operator("workspace:~1.0.0", "1.1.0") == "workspace:~1.1.0"
    assert replace_version_keeping_operator("1.0.0", "2.0.0") == "2.0.0"
    assert replace_version_keeping_operator("*", "2.0.0") is None
    assert replace_version_keeping_operator("workspace:*", "2.0.0") is None
