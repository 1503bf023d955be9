"""The store contract: how a change of an in-house package's public API is classified."""

from __future__ import annotations

from pathlib import Path

import pytest

from fedctl.contract import Level, bump_level, classify, read, render, smallest_version

STORE_REPORT = Path(__file__).resolve().parent.parent / "packages" / "store" / "etc" / "store.api.md"

BEFORE = """## API Report File for "@shop/store"

```ts
// @public (undocumented)
export const selectUserName: (state: { user: UserState; }) => string | null;

// @public (undocumented)
export const setUser: ActionCreatorWithPayload<UserProfile, "user/setUser">;

// @public (undocumented)
export interface UserState {
    // (undocumented)
    isLoggedIn: boolean;
    // (undocumented)
    name: string | null;
}
```
"""


def changed(old: str, new: str) -> str:
    assert old in BEFORE
    return BEFORE.replace(old, new)


def test_an_unchanged_api_needs_only_a_patch():
    result = classify(BEFORE, BEFORE.replace("// (undocumented)", "// documented now"))
    assert (result.level, result.reasons) == (Level.PATCH, [])


def test_a_new_field_of_the_state_shape_is_minor():
    result = classify(BEFORE, changed("    name: string | null;\n", "    name: string | null;\n    email: string;\n"))
    assert (result.level, result.reasons) == (Level.MINOR, ["added UserState.email"])


def test_a_new_export_is_minor():
    extra = "\n// @public\nexport const selectIsLoggedIn: (state: { user: UserState; }) => boolean;\n```"
    result = classify(BEFORE, BEFORE.rstrip().removesuffix("```") + extra)
    assert (result.level, result.reasons) == (Level.MINOR, ["added selectIsLoggedIn"])


def test_a_removed_or_renamed_field_is_major():
    result = classify(BEFORE, changed("isLoggedIn: boolean;", "loggedIn: boolean;"))
    assert result.level is Level.MAJOR
    assert result.reasons == ["removed UserState.isLoggedIn", "added UserState.loggedIn"]


def test_a_changed_field_type_is_major():
    result = classify(BEFORE, changed("name: string | null;", "name: string;"))
    assert (result.level, result.reasons) == (Level.MAJOR, ["changed the type of UserState.name"])


def test_a_changed_action_type_or_selector_signature_is_major():
    result = classify(BEFORE, changed('"user/setUser"', '"user/set"'))
    assert (result.level, result.reasons) == (Level.MAJOR, ["changed the type of setUser"])
    result = classify(BEFORE, changed("=> string | null;", "=> string;"))
    assert (result.level, result.reasons) == (Level.MAJOR, ["changed the type of selectUserName"])


def test_a_removed_export_is_major():
    declaration = 'export const setUser: ActionCreatorWithPayload<UserProfile, "user/setUser">;'
    result = classify(BEFORE, changed(declaration, ""))
    assert (result.level, result.reasons) == (Level.MAJOR, ["removed setUser"])


# --- the rules on real API Extractor reports ---------------------------------------------------
# tests/contract/NAME.api.md is the report `fedctl.contract.generate` wrote for the small store
# tests/contract/NAME.ts (API Extractor's real output, Slice<...> expansions and all); every case is
# one change of base.ts.

CASES = Path(__file__).resolve().parent / "contract"


@pytest.mark.parametrize(
    ("case", "level", "reasons"),
    [
        ("doc-comment-only", Level.PATCH, []),
        (
            "add-slice",
            Level.MINOR,
            [
                "added wishlist in makeStore",
                "added WishlistState",
                "added addToWishlist",
                "added selectWishlist",
                "added wishlistSlice",
            ],
        ),
        ("add-selector", Level.MINOR, ["added selectIsLoggedIn in userSlice", "added selectIsLoggedIn"]),
        ("add-state-field", Level.MINOR, ["added UserState.nickname", "added nickname in userSlice"]),
        # Remotes read the state; none of them builds a UserState, so even a required field is an addition.
        ("add-required-state-field", Level.MINOR, ["added UserState.visits", "added visits in userSlice"]),
        ("add-optional-payload-field", Level.MINOR, ["added UserProfile.avatarUrl"]),
        # UserProfile is setUser's payload: every dispatch(setUser({...})) written before lacks the field.
        ("add-required-payload-field", Level.MAJOR, ["added required UserProfile.email to what callers pass in"]),
        ("add-optional-parameter", Level.MINOR, ["added an optional parameter to makeStore"]),
        (
            "narrow-field",
            Level.MAJOR,
            [
                "changed the type of UserState.name",
                "changed the type of selectUserName",
                "changed the type of userSlice",
            ],
        ),
        ("remove-reexport", Level.MAJOR, ["removed Provider"]),
        (
            "rename-action-type",
            Level.MAJOR,
            [
                "changed the type of clearUser",
                "removed user in makeStore",
                "added account in makeStore",
                "removed user in selectUserName",
                "added account in selectUserName",
                "changed the type of setUser",
                "changed the type of userSlice",
            ],
        ),
    ],
)
def test_each_change_of_a_real_report_needs_its_release(case: str, level: Level, reasons: list[str]):
    before = (CASES / "base.api.md").read_text()
    after = (CASES / f"{case}.api.md").read_text()
    result = classify(before, after)
    assert (result.level, result.reasons) == (level, reasons)


@pytest.mark.parametrize(
    "case",
    ["add-slice", "add-selector", "add-state-field", "add-optional-payload-field", "add-optional-parameter"],
)
def test_taking_an_addition_back_is_major(case: str):
    # The reverse of every minor change removes something remotes may use by now.
    result = classify((CASES / f"{case}.api.md").read_text(), (CASES / "base.api.md").read_text())
    assert result.level is Level.MAJOR, result.reasons
    assert all(reason.startswith("removed") for reason in result.reasons), result.reasons


def test_the_committed_store_report_is_unchanged_against_itself():
    body = STORE_REPORT.read_text()
    assert classify(body, body).level is Level.PATCH


@pytest.mark.parametrize(
    ("old", "new", "level"),
    [
        ("1.0.0", "1.0.1", Level.PATCH),
        ("1.0.0", "1.1.0", Level.MINOR),
        ("1.4.2", "2.0.0", Level.MAJOR),
        ("1.0.0", "1.0.0", None),
        ("1.2.0", "1.1.9", None),
    ],
)
def test_bump_level(old, new, level):
    assert bump_level(old, new) is level


def test_smallest_version_for_each_level():
    assert [smallest_version("1.4.2", level) for level in Level] == ["1.4.3", "1.5.0", "2.0.0"]


def test_the_committed_store_report_records_its_version_and_the_state_shape():
    report = read(STORE_REPORT)
    assert report is not None and report.package == "@myapp/store" and report.version
    assert render(report.package, report.version, report.body) == STORE_REPORT.read_text()
    for evidence in ("export interface UserState", '"user/setUser"', "selectIsLoggedIn"):
        assert evidence in report.body


# --- the commands, on a small workspace of their own --------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
needs_tools = pytest.mark.skipif(
    not (ROOT / "node_modules" / ".bin" / "api-extractor").exists(), reason="npm ci installs API Extractor"
)


def _cli():
    import typer

    from fedctl.bump import bump
    from fedctl.contract import contract

    app = typer.Typer()
    app.command()(bump)
    app.command()(contract)
    return app


def run_cli(*args: str):
    from typer.testing import CliRunner

    return CliRunner().invoke(_cli(), list(args))


STORE_SOURCE = """export interface UserState {
  name: string | null;
  isLoggedIn: boolean;
}
export const selectName = (state: { user: UserState }): string | null => state.user.name;
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return make_workspace(tmp_path, STORE_SOURCE)


def make_workspace(tmp_path: Path, store_source: str) -> Path:
    """A one-package repository whose @shop/store 1.0.0 has its API recorded."""
    import json
    import shutil

    root = tmp_path / "shop"
    (root / "packages" / "store" / "src").mkdir(parents=True)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copy(ROOT / "tsconfig.base.json", root / "tsconfig.base.json")
    (root / "package.json").write_text(json.dumps({"name": "shop", "private": True, "workspaces": ["packages/*"]}))
    store = {"name": "@shop/store", "version": "1.0.0", "types": "./src/index.ts"}
    (root / "packages" / "store" / "package.json").write_text(json.dumps(store, indent=2) + "\n")
    (root / "packages" / "store" / "src" / "index.ts").write_text(store_source)
    app = {"kind": "react", "federationName": "main", "port": 3000, "path": "", "remotes": []}
    federation = {
        "host": "main",
        "environments": {"local": {"origin": "http://localhost:{port}"}},
        "api": {"port": 8000, "path": "/api"},
        "apps": {"main": app},
        "shared": {"@shop/store": {"singleton": True, "strictVersion": True, "workspace": "packages/store"}},
        "files": json.loads((ROOT / "federation.json").read_text())["files"],
    }
    (root / "federation.json").write_text(json.dumps(federation, indent=2) + "\n")
    result = run_cli("contract", "--write", "--root", str(root))
    assert result.exit_code == 0, result.output
    return root


@needs_tools
def test_contract_fails_when_the_api_changed_and_the_version_did_not(workspace: Path):
    assert run_cli("contract", "--root", str(workspace)).exit_code == 0
    source = workspace / "packages" / "store" / "src" / "index.ts"
    source.write_text(STORE_SOURCE.replace("  isLoggedIn: boolean;\n", "  isLoggedIn: boolean;\n  email: string;\n"))
    result = run_cli("contract", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.stderr == (
        "@shop/store: the public API changed since 1.0.0 (added UserState.email); this needs a minor release: "
        "run `fedctl bump @shop/store 1.1.0` (or higher)\n"
    )


@needs_tools
def test_bump_refuses_a_version_too_small_for_the_change_then_records_the_new_api(workspace: Path):
    source = workspace / "packages" / "store" / "src" / "index.ts"
    renamed = STORE_SOURCE.replace("name: string | null;", "displayName: string | null;")
    source.write_text(renamed.replace("state.user.name", "state.user.displayName"))
    refused = run_cli("bump", "@shop/store", "1.1.0", "--root", str(workspace))
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "fedctl bump: error: refused: 1.0.0 -> 1.1.0 is a minor release, but the public API of @shop/store "
        "changed in a way that needs a major one (removed UserState.name; added UserState.displayName"
    )
    assert "use 2.0.0 or higher" in refused.stderr
    assert '"version": "1.0.0"' in (workspace / "packages" / "store" / "package.json").read_text()

    accepted = run_cli("bump", "@shop/store", "2.0.0", "--root", str(workspace))
    assert accepted.exit_code == 0, accepted.output
    assert "packages/store/package.json: version 1.0.0 -> 2.0.0" in accepted.stdout
    assert "packages/store/etc/store.api.md: API report for @shop/store 1.0.0 -> 2.0.0" in accepted.stdout
    assert run_cli("contract", "--root", str(workspace)).exit_code == 0


@needs_tools
def test_a_version_changed_by_hand_is_caught(workspace: Path):
    manifest = workspace / "packages" / "store" / "package.json"
    manifest.write_text(manifest.read_text().replace('"1.0.0"', '"1.0.1"'))
    result = run_cli("contract", "--root", str(workspace))
    assert result.exit_code == 1
    assert "package.json says 1.0.1 but packages/store/etc/store.api.md describes 1.0.0" in result.stderr


@needs_tools
def test_contract_asks_for_a_minor_release_when_a_slice_is_added(tmp_path: Path):
    root = make_workspace(tmp_path, (CASES / "base.ts").read_text())
    (root / "packages" / "store" / "src" / "index.ts").write_text((CASES / "add-slice.ts").read_text())
    result = run_cli("contract", "--root", str(root))
    assert result.exit_code == 1
    assert result.stderr == (
        "@shop/store: the public API changed since 1.0.0 (added wishlist in makeStore; added WishlistState; "
        "added addToWishlist; added selectWishlist; added wishlistSlice); this needs a minor release: "
        "run `fedctl bump @shop/store 1.1.0` (or higher)\n"
    )
