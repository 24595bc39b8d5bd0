"""Dependencies point one way: demo may import every app; no runtime app (nor its tests) imports demo."""

from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = sorted(p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file())
# Tooling outside the product that drives it with demo traffic (benchmarks use demo.simulator).
TOOLING = {"benchmarks"}
# Tests of the dashboards draw their pages over a generated history: tests may use demo.history (only).
TEST_HISTORY = "demo.history"


def test_no_runtime_app_imports_demo():
    assert {"demo", "clinflow", "ingest", "queues", "triage", "scheduling", "audit"} <= set(PACKAGES)
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    demo_modules = {"demo"} | graph.find_descendants("demo")
    upward = sorted(
        (importer, imported)
        for imported in demo_modules
        for importer in graph.find_modules_that_directly_import(imported)
        if importer not in demo_modules
        and importer.split(".")[0] not in TOOLING
        and not (imported == TEST_HISTORY and ".tests." in importer)
    )
    assert upward == []


def test_the_demo_commands_live_in_demo_only():
    # scripts/stack.py, scripts/chaos.py, benchmarks and conftest.py call these by name.
    for name in ("simulate_emr", "seed_demo"):
        found = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(f"*/management/commands/{name}.py"))
        assert found == [f"demo/management/commands/{name}.py"]
