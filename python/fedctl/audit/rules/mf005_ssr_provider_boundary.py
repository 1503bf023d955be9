"""MF005 ssr-provider-boundary (heuristic): user state renders on the server only from a store of its own.

Two heuristics for gotcha 4 (hydration mismatch, React error #418) in Next apps:

* `pages/_app` renders the Redux Provider (react-redux's, a `*Provider` of the store package, or a
  local component that renders one) from a static import, or through `next/dynamic` without
  `ssr: false`. The Provider then renders on the server with an empty store while the browser has
  the user's state. The exception is a server render with a store made for each request: the
  Provider's `store` is a value of the component (not of the module) and the file makes it with a
  store factory called inside a function (`makeServerStore(state)` on the server, the browser's
  store created from the same state). A Provider given a module-level store (imported, or made at
  the top of the file) is flagged: on the server every request would share it, and one visitor's
  state would render into another's page.
* When the app has no such boundary, a component that reads user state during render
  (`useSelector`/`useAppSelector` from the store, or `localStorage`, `sessionStorage`,
  `document.cookie`, `window.*`) without a mounted guard renders differently on the server. With a
  per-request store, store reads are safe (the browser starts from the server's state); the
  browser-only reads are still flagged.

Both are heuristics (a static reading of the component tree), and the messages say so.

Passes (pages/_app.tsx)::

    const ClientReduxProvider = dynamic(() => import('../components/ClientReduxProvider'), { ssr: false });

Passes too (a store per request)::

    const store = useRef<AppStore>();
    store.current ??= typeof window === 'undefined' ? makeServerStore(serverState) : getStore(serverState);
    ...  <StoreProvider store={store.current} serverState={serverState}>

Fails::

    import ClientReduxProvider from '../components/ClientReduxProvider';
    ...  <ClientReduxProvider><Component {...pageProps} /></ClientReduxProvider>

Fails (a module-level store on the server)::

    import { Provider, store } from '@myapp/store';
    ...  <Provider store={store}><Component {...pageProps} /></Provider>
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from fedctl.audit.model import Container, Finding, Project
from fedctl.audit.rules.providers import is_redux_source, provider_bindings, renders_provider
from fedctl.audit.sources import (
    BROWSER_GLOBALS,
    SourceFile,
    enclosing_function,
    object_property,
    string_value,
    walk,
)

CODE = "MF005"
ID = "ssr-provider-boundary"
SUMMARY = (
    "_app loads the Provider with next/dynamic ssr: false, or gives it a store made per request; "
    "user state waits for mount (heuristic)"
)

_APP_NAMES = [f"_app{suffix}" for suffix in (".tsx", ".jsx", ".ts", ".js")]
_MOUNT_HOOKS = {
    "useMounted",
    "useIsMounted",
    "useHasMounted",
    "useHydrated",
    "useIsHydrated",
    "useIsClient",
    "useSyncExternalStore",
}
_STORAGE = {"localStorage", "sessionStorage"}
# Store factories (`makeServerStore`, `makeStore`, `initializeStore`...): called inside a function,
# they make a store per render, so per request on the server.
_STORE_FACTORY = re.compile(r"^(make|create|init|initialize)\w*Store$")


@dataclass(frozen=True)
class _Dynamic:
    request: str | None
    client_only: bool
    node: Node


def check(project: Project) -> Iterator[Finding]:
    for container in project.host_first():
        if container.kind != "next":
            continue
        app = _app_file(project, container.app_dir)
        client_only = False
        per_request = False
        if app is not None:
            boundary_findings = list(_provider_boundary(project, container, app))
            yield from boundary_findings
            client_only = not boundary_findings and _has_client_only_provider(project, app)
            per_request = not boundary_findings and _has_per_request_provider(project, app)
        if not client_only:
            # With a store per request, store reads render the same on both sides; others do not.
            yield from _render_time_user_state(
                project, container, app, provider_on_server=app is not None and not per_request
            )


def _app_file(project: Project, app_dir: Path) -> SourceFile | None:
    for directory in (app_dir / "pages", app_dir / "src" / "pages"):
        for name in _APP_NAMES:
            source = project.sources.get(directory / name)
            if source is not None:
                return source
    return None


def _dynamic_components(source: SourceFile) -> dict[str, _Dynamic]:
    """`const X = dynamic(() => import('./X'), { ssr: false })` -> X."""
    dynamic_names = {local for local, (module, _) in source.bindings_from(["next/dynamic"]).items()} or {"dynamic"}
    found: dict[str, _Dynamic] = {}
    for node in walk(source.root):
        if node.type != "variable_declarator":
            continue
        name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if name is None or value is None or value.type != "call_expression":
            continue
        callee = value.child_by_field_name("function")
        arguments = value.child_by_field_name("arguments")
        if callee is None or arguments is None or SourceFile.node_text(callee) not in dynamic_names:
            continue
        args = arguments.named_children
        request = None
        if args:
            for inner in walk(args[0]):
                if inner.type == "call_expression":
                    inner_callee = inner.child_by_field_name("function")
                    inner_args = inner.child_by_field_name("arguments")
                    if inner_callee is not None and inner_callee.type == "import" and inner_args is not None:
                        request = string_value(inner_args.named_children[0]) if inner_args.named_children else None
        ssr = object_property(args[1], "ssr") if len(args) > 1 else None
        client_only = ssr is not None and SourceFile.node_text(ssr) == "false"
        found[SourceFile.node_text(name)] = _Dynamic(request, client_only, value)
    return found


def _is_provider_module(project: Project, app: SourceFile, name: str, request: str | None) -> bool:
    if request is None:
        return name.endswith("Provider")
    if is_redux_source(project, request):
        return True
    target = project.sources.resolve_local(app.path, request)
    if target is not None:
        return renders_provider(project, target)
    return name.endswith("Provider")


def _provider_boundary(project: Project, container: Container, app: SourceFile) -> Iterator[Finding]:
    static = provider_bindings(project, app)
    dynamic = _dynamic_components(app)
    for name, node in app.jsx_elements():
        if name in static:
            store = _server_store(app, node)
            if store == "per-request":
                continue
            if store == "module-level":
                yield project.finding(
                    app.location(node),
                    CODE,
                    ID,
                    f"heuristic: {container.name}'s _app renders <{name}> on the server with a module-level "
                    f"store, which every request shares (one visitor's state in another's page); make one "
                    f"per request (makeServerStore(state) on the server, the browser's store from that state)",
                )
                continue
            yield project.finding(
                app.location(node),
                CODE,
                ID,
                f"heuristic: {container.name}'s _app renders <{name}> from a static import, so the Redux "
                f"Provider renders on the server with an empty store (hydration mismatch, window errors); "
                f"load it with next/dynamic(() => import(...), {{ ssr: false }})",
            )
        elif (
            name in dynamic
            and not dynamic[name].client_only
            and _is_provider_module(project, app, name, dynamic[name].request)
        ):
            yield project.finding(
                app.location(node),
                CODE,
                ID,
                f"heuristic: {container.name}'s _app loads <{name}> with next/dynamic but without "
                f"`ssr: false`, so the Redux Provider still renders on the server; add {{ ssr: false }}",
            )


def _has_per_request_provider(project: Project, app: SourceFile) -> bool:
    static = provider_bindings(project, app)
    return any(name in static and _server_store(app, node) == "per-request" for name, node in app.jsx_elements())


def _server_store(app: SourceFile, element: Node) -> str | None:
    """ "per-request", "module-level", or None (no `store` given, or one this reading cannot place)."""
    value = _attribute_value(element, "store")
    if value is None:
        return None
    root = value
    while root.type in ("member_expression", "non_null_expression", "parenthesized_expression"):
        inner = root.child_by_field_name("object") if root.type == "member_expression" else root.named_children[0]
        if inner is None:
            break
        root = inner
    if root.type != "identifier":
        return None
    name = SourceFile.node_text(root)
    if name in _module_level_names(app):
        return "module-level"
    return "per-request" if _calls_store_factory_in_a_function(app) else None


def _attribute_value(element: Node, attribute: str) -> Node | None:
    for child in element.named_children:
        if child.type != "jsx_attribute" or not child.named_children:
            continue
        if SourceFile.node_text(child.named_children[0]) != attribute or len(child.named_children) < 2:
            continue
        value = child.named_children[1]
        if value.type == "jsx_expression" and value.named_children:
            return value.named_children[0]
    return None


def _module_level_names(source: SourceFile) -> set[str]:
    """Names bound at the top of a module: its imports and its top-level variables."""
    names = {binding.local for record in source.imports for binding in record.bindings}
    for statement in source.root.named_children:
        declaration = statement
        if statement.type == "export_statement":
            declaration = statement.child_by_field_name("declaration") or statement
        if declaration.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for declarator in declaration.named_children:
            name = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" else None
            if name is not None and name.type == "identifier":
                names.add(SourceFile.node_text(name))
    return names


def _calls_store_factory_in_a_function(source: SourceFile) -> bool:
    for node in walk(source.root):
        if node.type != "call_expression" or enclosing_function(node) is None:
            continue
        callee = node.child_by_field_name("function")
        if callee is not None and _STORE_FACTORY.match(SourceFile.node_text(callee).split(".")[-1]):
            return True
    return False


def _has_client_only_provider(project: Project, app: SourceFile) -> bool:
    dynamic = _dynamic_components(app)
    return any(
        name in dynamic and dynamic[name].client_only and _is_provider_module(project, app, name, dynamic[name].request)
        for name, _ in app.jsx_elements()
    )


def _render_time_user_state(
    project: Project, container: Container, app: SourceFile | None, provider_on_server: bool
) -> Iterator[Finding]:
    for path in project.container_files(container):
        if app is not None and path == app.path:
            continue
        if path.name.startswith("_document") or "api" in path.relative_to(container.app_dir).parts[:2]:
            continue
        source = project.sources.get(path)
        if source is None:
            continue
        selector_hooks = {
            local
            for local, (module, imported) in source.bindings_from().items()
            if is_redux_source(project, module) and imported.startswith("use") and "Selector" in imported
        }
        for component in _components(source):
            if _has_mounted_guard(component):
                continue
            read = _first_user_state_read(component, selector_hooks if provider_on_server else set())
            if read is None:
                continue
            node, what = read
            yield project.finding(
                source.location(node),
                CODE,
                ID,
                f"heuristic: this component reads {what} during render and {container.name} has no "
                f"client-only Provider boundary, so server and client HTML differ (React #418); render a "
                f"placeholder until mounted (useState(false) + useEffect(() => setMounted(true), []))",
            )


def _components(source: SourceFile) -> Iterator[Node]:
    """Functions that look like React components: a capitalised name, or the default export."""
    function_types = ("function_declaration", "arrow_function", "function_expression", "function")
    for node in walk(source.root):
        if node.type not in function_types:
            continue
        parent = node.parent
        if node.type == "function_declaration":
            name = node.child_by_field_name("name")
        elif parent is not None and parent.type == "variable_declarator":
            name = parent.child_by_field_name("name")
        else:
            name = None
        is_default_export = (
            parent is not None
            and parent.type == "export_statement"
            and any(c.type == "default" for c in parent.children)
        )
        if is_default_export or (name is not None and SourceFile.node_text(name)[:1].isupper()):
            yield node


def _has_mounted_guard(component: Node) -> bool:
    has_false_state = False
    has_effect_setting_true = False
    for node in walk(component):
        if node.type != "call_expression":
            continue
        callee = node.child_by_field_name("function")
        name = SourceFile.node_text(callee).split(".")[-1] if callee is not None else ""
        arguments = node.child_by_field_name("arguments")
        args = arguments.named_children if arguments is not None else []
        if name in _MOUNT_HOOKS:
            return True
        if name == "useState" and args and SourceFile.node_text(args[0]) == "false":
            has_false_state = True
        if name in ("useEffect", "useLayoutEffect") and args and any(n.type == "true" for n in walk(args[0])):
            has_effect_setting_true = True
    return has_false_state and has_effect_setting_true


def _first_user_state_read(component: Node, selector_hooks: set[str]) -> tuple[Node, str] | None:
    for node in walk(component):
        if enclosing_function(node) != component:
            continue
        if node.type == "call_expression":
            callee = node.child_by_field_name("function")
            if callee is not None and SourceFile.node_text(callee) in selector_hooks:
                return node, f"store state with {SourceFile.node_text(callee)}()"
        if node.type == "identifier" and SourceFile.node_text(node) in _STORAGE:
            return node, SourceFile.node_text(node)
        if node.type == "member_expression":
            target = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            text = SourceFile.node_text(target) if target is not None else ""
            if text == "document" and prop is not None and SourceFile.node_text(prop) == "cookie":
                return node, "document.cookie"
            if text == "window" and text in BROWSER_GLOBALS:
                return node, SourceFile.node_text(node)
    return None
