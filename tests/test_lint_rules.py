"""The ESLint configuration enforces gotcha 6: react-redux only inside the store package."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESLINT = ROOT / "node_modules" / ".bin" / "eslint"


def lint(source: str, filename: str) -> list[dict[str, object]]:
    result = subprocess.run(
        [str(ESLINT), "--format", "json", "--stdin", "--stdin-filename", filename],
        cwd=ROOT,
        input=source,
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 1), result.stderr
    messages: list[dict[str, object]] = json.loads(result.stdout)[0]["messages"]
    return messages


def test_a_remote_importing_react_redux_fails_the_lint() -> None:
    messages = lint(
        "import { useSelector } from 'react-redux';\nexport const s = useSelector;\n",
        "apps/auth/src/components/Example.tsx",
    )
    assert [m["ruleId"] for m in messages] == ["no-restricted-imports"]
    assert "@myapp/store" in str(messages[0]["message"])


def test_a_remote_creating_a_store_fails_the_lint() -> None:
    messages = lint(
        "import { configureStore } from '@reduxjs/toolkit';\nexport const c = configureStore;\n",
        "apps/products/components/Example.tsx",
    )
    assert [m["ruleId"] for m in messages] == ["no-restricted-imports"]


def test_the_store_package_may_use_react_redux() -> None:
    assert (
        lint(
            "import { useSelector } from 'react-redux';\nexport const s = useSelector;\n",
            "packages/store/src/example.ts",
        )
        == []
    )
