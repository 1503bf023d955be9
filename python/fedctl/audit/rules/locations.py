"""Where to point a finding about evaluated options: the line of the key in the config when it is
written there, else the line that constructs the plugin (the options came from a helper)."""

from __future__ import annotations

import json
from pathlib import Path

from tree_sitter import Node

from fedctl.audit.model import Build, Container, Location, Project
from fedctl.audit.sources import SourceFile, ancestors, string_value, walk


def _key_text(node_key: Node | None) -> str | None:
    if node_key is None:
        return None
    if node_key.type == "string":
        return string_value(node_key)
    return SourceFile.node_text(node_key)


def option_location(project: Project, container: Container, build: Build, section: str, key: str | None) -> Location:
    """Location of `section` (e.g. `shared`) / `key` (e.g. `react`) in the container's config."""
    if section == "shared" and key is not None and key not in build.shared and key in build.shared_packages:
        key = build.shared_packages[key][0]  # a package shared under an alias key
    source = project.sources.get(build.config_path or container.config_path)
    if source is not None:
        best = None
        section_pair = None
        for node in walk(source.root):
            if node.type != "pair":
                continue
            name = _key_text(node.child_by_field_name("key"))
            if name == section and section_pair is None:
                section_pair = node
            if key is not None and name == key:
                inside_section = any(
                    a.type == "pair" and _key_text(a.child_by_field_name("key")) == section for a in ancestors(node)
                )
                if inside_section:
                    return source.location(node)
                best = best or node
        if best is not None:
            return source.location(best)
        if section_pair is not None:
            return source.location(section_pair)
    return plugin_location(container, build)


def plugin_location(container: Container, build: Build) -> Location:
    if build.call_site is not None:
        return build.call_site
    return Location(container.config_path)


def manifest_location(manifest_path: Path, *keys: str) -> Location:
    """Line of the nested JSON key path `keys` in a package.json (e.g. "scripts", "build")."""
    try:
        text = manifest_path.read_text(encoding="utf-8")
    except OSError:
        return Location(manifest_path)
    position = 0
    for key in keys:
        found = text.find(json.dumps(key) + ":", position)
        if found < 0:
            found = text.find(json.dumps(key), position)
        if found < 0:
            break
        position = found
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    return Location(manifest_path, line, col)


def side_label(container: Container, build: Build) -> str:
    """`apps/main (server build)` for Next apps, the container name alone otherwise."""
    return f"{container.name} ({build.side} build)" if container.kind == "next" else container.name
