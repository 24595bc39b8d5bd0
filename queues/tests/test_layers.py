"""The seams of the queues app stay where they are: no import circle, dependencies pointing one way
(entry points → services → selectors / routing / representations / publish → models), queues
importing none of the apps built on it, and only queues.publish talking to the channel layer."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
# Entry points may import the tasks; queues.apps loads them in every process (see its ready()).
MAY_IMPORT_TASKS = ("queues.api", "queues.views", "queues.consumers", "queues.tasks", "queues.apps")
LOWER = (
    "queues.selectors",
    "queues.routing",
    "queues.visibility",
    "queues.representations",
    "queues.publish",
    "queues.hooks",
    "queues.models",
)


@pytest.fixture(scope="module")
def graph():
    packages = [p for p in ("queues", "triage", "scheduling", "ingest", "audit", "demo", "mlregistry", "clinflow")]
    return grimp.build_graph(*[p for p in packages if (ROOT / p / "__init__.py").exists()])


def runtime_modules(graph) -> list[str]:
    """Every module of queues but its tests and migrations (and the bare package, which holds both)."""
    return sorted(m for m in graph.modules if m.startswith("queues.") and ".tests" not in m and ".migrations" not in m)


def _within(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_no_queues_module_imports_the_tasks_except_the_entry_points(graph):
    importers = {m for m in graph.find_modules_that_directly_import("queues.tasks") if not m.startswith("queues.tests")}
    assert {m for m in importers if not _within(m, MAY_IMPORT_TASKS)} == set()
    for module in runtime_modules(graph):
        if not _within(module, MAY_IMPORT_TASKS):
            assert not graph.chain_exists(importer=module, imported="queues.tasks"), module


def test_there_is_no_import_cycle_within_queues(graph):
    modules = set(runtime_modules(graph))
    cycles = []
    for importer in sorted(modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            if imported in modules and imported != importer:
                back = graph.find_shortest_chain(importer=imported, imported=importer)
                if back and all(m in modules for m in back):
                    cycles.append((importer, *back))
    assert cycles == []


def test_services_sit_below_the_entry_points_and_above_the_reads_and_shapes(graph):
    for module in runtime_modules(graph):
        if _within(module, ("queues.services",)):
            for entry in ("queues.api", "queues.views", "queues.consumers", "queues.tasks"):
                assert not graph.chain_exists(importer=module, imported=entry, as_packages=True), (module, entry)
        if _within(module, LOWER):
            assert not graph.chain_exists(importer=module, imported="queues.services", as_packages=True), module


def test_queues_imports_none_of_the_apps_built_on_it(graph):
    for module in runtime_modules(graph):
        for app in ("triage", "scheduling", "demo"):
            if app in graph.modules:
                assert not graph.chain_exists(importer=module, imported=app, as_packages=True), (module, app)


CHANNEL_LAYER_CALLS = {"group_send", "get_channel_layer", "send_to_group"}


def _channel_layer_uses(tree: ast.AST) -> list[int]:
    """Lines that call or import a channel-layer send (group_add/group_discard, which consumers use
    to join and leave groups, are not sends)."""
    lines = []
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Attribute):
            name = node.attr
            if name == "send" and isinstance(node.value, ast.Attribute) and node.value.attr == "channel_layer":
                name = "group_send"
        elif isinstance(node, ast.Name):
            name = node.id
        elif isinstance(node, ast.alias):
            name = node.name.rsplit(".", 1)[-1]
        if name in CHANNEL_LAYER_CALLS:
            lines.append(getattr(node, "lineno", 0))
    return lines


def test_only_queues_publish_talks_to_the_channel_layer():
    """Every push of every app goes through queues.publish.publish (Channels: services never call
    group_send themselves)."""
    skip = {".venv", "var", "node_modules", "migrations", "test-artifacts", ".git"}
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if skip & set(rel.parts) or rel == Path("queues/publish.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(rel))
        offenders += [f"{rel}:{line}" for line in _channel_layer_uses(tree)]
    assert offenders == []


def test_the_channel_layer_check_finds_a_direct_send():
    tree = ast.parse(
        "from channels.layers import get_channel_layer\n"
        "async_to_sync(get_channel_layer().group_send)('g', {})\n"
        "self.channel_layer.send('c', {})\n"
        "await self.channel_layer.group_add('g', self.channel_name)\n"
    )
    assert sorted(set(_channel_layer_uses(tree))) == [1, 2, 3]
