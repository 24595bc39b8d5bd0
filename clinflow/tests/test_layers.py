"""Dependencies point one way across the whole codebase: import-linter's contracts (pyproject.toml,
the layers ARCHITECTURE.md draws) hold, and no two runtime modules import each other, directly or
through others."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("clinflow", "vocabulary", "audit", "ingest", "mlregistry", "queues", "triage", "scheduling", "demo")


def _runtime(module: str) -> bool:
    return ".tests" not in module and ".migrations" not in module


def test_the_import_contracts_hold():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def cycles_of(edges: dict[str, list[str]]) -> list[list[str]]:
    """The import cycles of a graph: its strongly connected components of more than one module
    (Tarjan's algorithm, iterative)."""
    modules = set(edges)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return cycles


def test_the_cycle_finder_finds_a_cycle_through_a_third_module():
    assert cycles_of({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]
    assert cycles_of({"a": ["b"], "b": [], "c": ["b"]}) == []


def test_no_runtime_module_is_part_of_an_import_cycle():
    graph = grimp.build_graph(*PACKAGES)
    modules = {m for m in graph.modules if _runtime(m)}
    edges = {m: sorted(d for d in graph.find_modules_directly_imported_by(m) if d in modules) for m in modules}
    assert cycles_of(edges) == []
