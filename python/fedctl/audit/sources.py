"""Source files parsed with tree-sitter (JavaScript, TypeScript and TSX grammars), and the questions
the rules ask of them: what does this module import, where is this node, is it inside a function,
which comments carry suppressions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

import tree_sitter_javascript
import tree_sitter_typescript
from tree_sitter import Language, Node, Parser

from fedctl.audit.model import Location

# Build output, dependencies, and test fixture and corpus repositories (broken on purpose). Hidden
# directories (.git, .next, .var, ...) are skipped as well.
SKIP_DIRS = frozenset(
    {
        "node_modules",
        ".next",
        "dist",
        "build",
        "out",
        ".git",
        ".venv",
        "coverage",
        ".turbo",
        "__pycache__",
        "fixtures",
        "__fixtures__",
        "corpus",
    }
)
SOURCE_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")
RESOLVE_SUFFIXES = (".tsx", ".ts", ".jsx", ".js", ".mjs", ".cjs")
FUNCTION_TYPES = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
        # Class fields run when an instance is built, not when the module is imported.
        "public_field_definition",
        "field_definition",
    }
)

_JAVASCRIPT = Language(tree_sitter_javascript.language())
_TYPESCRIPT = Language(tree_sitter_typescript.language_typescript())
_TSX = Language(tree_sitter_typescript.language_tsx())


def _language_for(path: Path) -> Language:
    if path.suffix in (".ts", ".mts", ".cts"):
        return _TYPESCRIPT
    if path.suffix == ".tsx":
        return _TSX
    return _JAVASCRIPT


ImportKind = Literal["import", "export", "require", "dynamic"]


@dataclass(frozen=True)
class Binding:
    """`local` names the value `imported` ("default", "*" or an export name) of the module."""

    local: str
    imported: str


@dataclass(frozen=True)
class ImportRecord:
    source: str
    kind: ImportKind
    # The local names an import or require binds (none for a re-export: it binds no local name).
    bindings: tuple[Binding, ...]
    type_only: bool
    top_level: bool
    node: Node
    # A re-export's names: `local` is the name exported, `imported` the source module's ("*" for
    # `export * from`).
    reexports: tuple[Binding, ...] = ()


@dataclass(frozen=True)
class Suppression:
    """A `fedctl-disable-next-line CODES -- reason` (or `fedctl-disable-line`) comment."""

    line: int
    col: int
    target_line: int
    codes: tuple[str, ...]
    reason: str


SUPPRESS_NEXT = "fedctl-disable-next-line"
SUPPRESS_SAME = "fedctl-disable-line"


class SourceFile:
    def __init__(self, path: Path, text: bytes) -> None:
        self.path = path
        self.text = text
        self.tree = Parser(_language_for(path)).parse(text)
        self.root: Node = self.tree.root_node
        self._lines = text.split(b"\n")

    def location(self, node: Node) -> Location:
        row, byte_col = node.start_point
        line = self._lines[row] if row < len(self._lines) else b""
        col = len(line[:byte_col].decode("utf-8", errors="replace")) + 1
        return Location(self.path, row + 1, col)

    @staticmethod
    def node_text(node: Node) -> str:
        return (node.text or b"").decode("utf-8", errors="replace")

    @cached_property
    def imports(self) -> list[ImportRecord]:
        records: list[ImportRecord] = []
        for node in walk(self.root):
            record = _import_record(node)
            if record is not None:
                records.append(record)
        return records

    def bindings_from(self, predicate: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
        """local name -> (module, imported name) for value (non-type) static imports and requires."""
        wanted = set(predicate) if predicate is not None else None
        result: dict[str, tuple[str, str]] = {}
        for record in self.imports:
            if record.type_only or record.kind == "export":
                continue
            if wanted is not None and record.source not in wanted:
                continue
            for binding in record.bindings:
                result[binding.local] = (record.source, binding.imported)
        return result

    @cached_property
    def suppressions(self) -> list[Suppression]:
        found: list[Suppression] = []
        for node in walk(self.root):
            if node.type != "comment":
                continue
            text = self.node_text(node).strip()
            text = text.removeprefix("//").removeprefix("/*").removesuffix("*/").strip()
            for directive in (SUPPRESS_NEXT, SUPPRESS_SAME):
                if not text.startswith(directive):
                    continue
                rest = text[len(directive) :]
                codes_part, _, reason = rest.partition("--")
                codes = tuple(c for c in codes_part.replace(",", " ").split() if c)
                where = self.location(node)
                end_line = node.end_point[0] + 1
                target = end_line + 1 if directive == SUPPRESS_NEXT else where.line
                found.append(Suppression(where.line, where.col, target, codes, reason.strip()))
                break
        return found

    def jsx_elements(self) -> Iterator[tuple[str, Node]]:
        """(element name, opening or self-closing node) for every JSX element."""
        for node in walk(self.root):
            if node.type in ("jsx_opening_element", "jsx_self_closing_element"):
                name = node.child_by_field_name("name")
                if name is not None:
                    yield self.node_text(name), node


class SourceIndex:
    """Parses each file once and answers file listing and local-import resolution."""

    def __init__(self) -> None:
        self._files: dict[Path, SourceFile | None] = {}

    def get(self, path: Path) -> SourceFile | None:
        path = path.resolve()
        if path not in self._files:
            parsed: SourceFile | None = None
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                try:
                    parsed = SourceFile(path, path.read_bytes())
                except OSError:
                    parsed = None
            self._files[path] = parsed
        return self._files[path]

    @staticmethod
    def files_under(directory: Path, exclude: Iterable[Path] = ()) -> list[Path]:
        """Source files below `directory`, without build output, tests and nested excluded dirs."""
        excluded = {p.resolve() for p in exclude}
        found: list[Path] = []
        for current, dirs, files in os.walk(directory):
            here = Path(current).resolve()
            dirs[:] = sorted(
                d
                for d in dirs
                if d not in SKIP_DIRS
                and not d.startswith(".")
                # Builds for another environment of federation.json: dist-production, ...
                and not d.startswith("dist-")
                and d not in ("__tests__", "__mocks__")
                and (here / d).resolve() not in excluded
            )
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES) and not is_test_or_declaration(name):
                    found.append(here / name)
        return found

    @staticmethod
    def resolve_local(from_file: Path, request: str) -> Path | None:
        """Resolve a relative import the way a bundler would: exact, with a suffix, or an index."""
        if not request.startswith("."):
            return None
        base = (from_file.parent / request).resolve()
        candidates = [base, *(base.with_name(base.name + s) for s in RESOLVE_SUFFIXES)]
        candidates += [base / f"index{s}" for s in RESOLVE_SUFFIXES]
        for candidate in candidates:
            if candidate.is_file() and candidate.suffix in SOURCE_SUFFIXES:
                return candidate
        return None


def is_test_or_declaration(name: str) -> bool:
    stem_parts = name.split(".")
    return name.endswith(".d.ts") or "test" in stem_parts[1:-1] or "spec" in stem_parts[1:-1]


def walk(node: Node) -> Iterator[Node]:
    """Every node below `node`, depth first, in source order."""
    cursor = node.walk()
    visited_children = False
    while True:
        if not visited_children:
            yield cursor.node  # type: ignore[misc]
            if cursor.goto_first_child():
                continue
        if cursor.goto_next_sibling():
            visited_children = False
        elif cursor.goto_parent():
            visited_children = True
        else:
            return


def ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def enclosing_function(node: Node) -> Node | None:
    for parent in ancestors(node):
        if parent.type in FUNCTION_TYPES:
            return parent
    return None


def string_value(node: Node | None) -> str | None:
    """The value of a string literal or a template without substitutions."""
    if node is None:
        return None
    if node.type == "string":
        return "".join(
            SourceFile.node_text(c) for c in node.named_children if c.type in ("string_fragment", "escape_sequence")
        )
    if node.type == "template_string" and not any(c.type == "template_substitution" for c in node.named_children):
        return "".join(SourceFile.node_text(c) for c in node.named_children if c.type == "string_fragment")
    return None


def unwrap(node: Node) -> Node:
    """Strip parentheses, TypeScript casts and non-null assertions: `(window as any)` -> `window`."""
    while node.type in (
        "parenthesized_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
        "type_assertion",
    ):
        inner = node.named_children[0] if node.type != "type_assertion" else node.named_children[-1]
        node = inner
    return node


def object_property(node: Node | None, key: str) -> Node | None:
    """The value of `key` in an object literal."""
    if node is None or node.type != "object":
        return None
    for pair in node.named_children:
        if pair.type == "pair":
            name = pair.child_by_field_name("key")
            if name is not None and (string_value(name) or SourceFile.node_text(name)) == key:
                return pair.child_by_field_name("value")
    return None


def _import_record(node: Node) -> ImportRecord | None:
    if node.type == "import_statement":
        source = string_value(node.child_by_field_name("source"))
        if source is None:
            return None
        type_only = any(c.type == "type" for c in node.children)
        bindings: list[Binding] = []
        clause = next((c for c in node.named_children if c.type == "import_clause"), None)
        all_specifiers_typed = clause is not None
        if clause is not None:
            for part in clause.named_children:
                if part.type == "identifier":
                    bindings.append(Binding(SourceFile.node_text(part), "default"))
                    all_specifiers_typed = False
                elif part.type == "namespace_import":
                    ident = next((c for c in part.named_children if c.type == "identifier"), None)
                    if ident is not None:
                        bindings.append(Binding(SourceFile.node_text(ident), "*"))
                    all_specifiers_typed = False
                elif part.type == "named_imports":
                    for spec in part.named_children:
                        if spec.type != "import_specifier":
                            continue
                        if any(c.type == "type" for c in spec.children):
                            continue
                        all_specifiers_typed = False
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias")
                        imported = SourceFile.node_text(name) if name is not None else ""
                        local = SourceFile.node_text(alias) if alias is not None else imported
                        bindings.append(Binding(local, imported))
            has_named = any(p.type == "named_imports" and p.named_child_count for p in clause.named_children)
            type_only = type_only or (all_specifiers_typed and has_named)
        return ImportRecord(source, "import", tuple(bindings), type_only, True, node)
    if node.type == "export_statement":
        source = string_value(node.child_by_field_name("source"))
        if source is None:
            return None
        type_only = any(c.type == "type" for c in node.children)
        return ImportRecord(source, "export", (), type_only, True, node, _reexports(node))
    if node.type == "call_expression":
        callee = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if callee is None or arguments is None or not arguments.named_children:
            return None
        source = string_value(arguments.named_children[0])
        if source is None:
            return None
        top_level = enclosing_function(node) is None
        if callee.type == "import":
            return ImportRecord(source, "dynamic", (), False, top_level, node)
        if callee.type == "identifier" and SourceFile.node_text(callee) == "require":
            return ImportRecord(source, "require", _require_bindings(node), False, top_level, node)
    return None


def _reexports(statement: Node) -> tuple[Binding, ...]:
    """`export { a as b } from`: (b, a); `export * from`: ("*", "*"); `export * as n from`: (n, "*")."""
    clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
    if clause is None:
        namespace = next((c for c in statement.named_children if c.type == "namespace_export"), None)
        if namespace is not None:
            names = [c for c in namespace.named_children if c.type in ("identifier", "string")]
            return (Binding(SourceFile.node_text(names[0]).strip("'\""), "*"),) if names else ()
        return (Binding("*", "*"),)
    found: list[Binding] = []
    for spec in clause.named_children:
        if spec.type != "export_specifier" or any(c.type == "type" for c in spec.children):
            continue
        name = spec.child_by_field_name("name")
        alias = spec.child_by_field_name("alias")
        imported = SourceFile.node_text(name) if name is not None else ""
        found.append(Binding(SourceFile.node_text(alias) if alias is not None else imported, imported))
    return tuple(found)


def local_export(source: SourceFile, name: str) -> str | None:
    """The local name the module exports as `name` (declared, or `export { local as name }`);
    "default" for its default export; None when no statement of its own exports `name`."""
    for statement in source.root.named_children:
        if statement.type != "export_statement" or statement.child_by_field_name("source") is not None:
            continue
        if any(c.type == "default" for c in statement.children):
            if name == "default":
                return "default"
            continue
        declaration = statement.child_by_field_name("declaration")
        if declaration is not None:
            declared = declaration.child_by_field_name("name")
            if declared is not None and SourceFile.node_text(declared) == name:
                return name
            for declarator in declaration.named_children:
                if declarator.type == "variable_declarator":
                    target = declarator.child_by_field_name("name")
                    if target is not None and SourceFile.node_text(target) == name:
                        return name
        clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
        for spec in clause.named_children if clause is not None else ():
            if spec.type != "export_specifier":
                continue
            local = spec.child_by_field_name("name")
            exported = spec.child_by_field_name("alias") or local
            if local is not None and exported is not None and SourceFile.node_text(exported) == name:
                return SourceFile.node_text(local)
    return None


def _require_bindings(call: Node) -> tuple[Binding, ...]:
    declarator = call.parent
    if declarator is None or declarator.type != "variable_declarator":
        return ()
    target = declarator.child_by_field_name("name")
    if target is None:
        return ()
    if target.type == "identifier":
        return (Binding(SourceFile.node_text(target), "*"),)
    bindings: list[Binding] = []
    if target.type == "object_pattern":
        for part in target.named_children:
            if part.type == "shorthand_property_identifier_pattern":
                name = SourceFile.node_text(part)
                bindings.append(Binding(name, name))
            elif part.type == "pair_pattern":
                key = part.child_by_field_name("key")
                value = part.child_by_field_name("value")
                if key is not None and value is not None and value.type == "identifier":
                    bindings.append(Binding(SourceFile.node_text(value), SourceFile.node_text(key)))
    return tuple(bindings)


BROWSER_GLOBALS = frozenset({"window", "document", "localStorage", "sessionStorage"})


def is_typeof_check(condition: Node) -> bool:
    """`typeof window !== 'undefined'` (any browser global, either polarity) somewhere in `condition`."""
    for node in walk(condition):
        if node.type == "unary_expression" and node.child_by_field_name("operator") is not None:
            operator = node.child_by_field_name("operator")
            argument = node.child_by_field_name("argument")
            if (
                operator is not None
                and SourceFile.node_text(operator) == "typeof"
                and argument is not None
                and SourceFile.node_text(unwrap(argument)) in BROWSER_GLOBALS
            ):
                return True
    return False


def is_development_check(condition: Node) -> bool:
    """`process.env.NODE_ENV === 'development'` or `!== 'production'` somewhere in `condition`."""
    return _node_env_check(condition, development=True)


def is_production_check(condition: Node) -> bool:
    """The opposite test, as written before an early exit: `if (NODE_ENV === 'production') return;`."""
    return _node_env_check(condition, development=False)


def _node_env_check(condition: Node, development: bool) -> bool:
    equal, unequal = ("development", "production") if development else ("production", "development")
    for node in walk(condition):
        if node.type != "binary_expression":
            continue
        operator = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if operator is None or left is None or right is None:
            continue
        texts = {SourceFile.node_text(left), SourceFile.node_text(right)}
        values = {string_value(left), string_value(right)}
        if "process.env.NODE_ENV" not in texts:
            continue
        op = SourceFile.node_text(operator)
        if (op in ("===", "==") and equal in values) or (op in ("!==", "!=") and unequal in values):
            return True
    return False


def is_guarded(
    node: Node,
    test: Callable[[Node], bool],
    boundary: Node | None = None,
    exit_test: Callable[[Node], bool] | None = None,
) -> bool:
    """True when `node` only runs behind a condition that satisfies `test`.

    Recognised shapes: `if (cond) {...}`, `cond ? a : b`, `cond && expr`, and an early exit
    `if (cond) return;` before the statement in the same block (checked with `exit_test`, which
    defaults to `test`: typeof checks are accepted in either polarity).
    """
    exit_test = exit_test or test
    child = node
    for parent in ancestors(node):
        if parent.type == "if_statement" or parent.type == "ternary_expression":
            condition = parent.child_by_field_name("condition")
            if condition is not None and child != condition and test(condition):
                return True
        elif parent.type == "binary_expression":
            operator = parent.child_by_field_name("operator")
            left = parent.child_by_field_name("left")
            if (
                operator is not None
                and SourceFile.node_text(operator) in ("&&", "||")
                and left is not None
                and child != left
                and test(left)
            ):
                return True
        elif parent.type in ("statement_block", "program"):
            for sibling in parent.named_children:
                if sibling == child:
                    break
                if sibling.type == "if_statement" and _exits_early(sibling):
                    condition = sibling.child_by_field_name("condition")
                    if condition is not None and exit_test(condition):
                        return True
        if parent == boundary:
            return False
        child = parent
    return False


def _exits_early(statement: Node) -> bool:
    consequence = statement.child_by_field_name("consequence")
    if consequence is None:
        return False
    if consequence.type in ("return_statement", "throw_statement"):
        return True
    return consequence.type == "statement_block" and any(
        c.type in ("return_statement", "throw_statement") for c in consequence.named_children
    )
