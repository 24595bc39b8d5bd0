"""docs/CONTRACT.md ships with the product and stays in step with what the product serves: every
HTTP path it names under /api/v1/ is in the generated OpenAPI schema (with the method it names), every
other HTTP path it names resolves to a view, and every management command it names exists. Removing
an endpoint, or renaming one, fails here until the contract says so."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.test import Client
from django.urls import Resolver404, resolve

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "CONTRACT.md"

# Named by the contract (v1.1) and not built yet. The test also fails when one of them appears, so
# this list shrinks as they are built instead of hiding them for ever.
NOT_YET_BUILT_PATHS: set[str] = set()
NOT_YET_BUILT_COMMANDS = {"mllp_listen"}
WEBSOCKETS = {"/ws/"}

_METHOD = r"(?:(GET|POST|PUT|PATCH|DELETE)\s+)?"
_SEGMENT = r"[\w{}<>.-]+"
_PATH = re.compile(_METHOD + r"(?<![\w:/.+])(/" + _SEGMENT + r"(?:/" + _SEGMENT + r")*/?)")
_PARAM = re.compile(r"^(?:\{[^}/]*\}|<[^>/]*>)$")


def _normalise(path: str) -> str:
    """Path parameters, however spelled (`{id}`, `{event_id}`, `<uuid>`), become `{}`."""
    return "/".join("{}" if _PARAM.match(part) else part for part in path.split("/"))


def contract_paths(text: str) -> dict[str, set[str]]:
    """{normalised path: methods the contract names for it (empty = any)}. A bare one-segment path
    after a full one on the same line without a method of its own (`POST /api/v1/items/{id}/claim` ·
    `/release`) is a sibling of that path: `/api/v1/items/{id}/release`, with its method."""
    found: dict[str, set[str]] = {}
    for line in text.splitlines():
        base: tuple[str, str | None] | None = None
        for match in _PATH.finditer(line):
            method, path = match.group(1), match.group(2)
            if base and method is None and path.strip("/").count("/") == 0:
                parent, method = base[0].rsplit("/", 1)[0], base[1]
                path = parent + path
            elif path.strip("/").count("/") >= 1:
                base = (path, method)
            found.setdefault(_normalise(path), set()).update({method.lower()} if method else set())
    return found


def _same_route(contract: str, schema: str) -> bool:
    a, b = contract.split("/"), _normalise(schema).split("/")
    return len(a) == len(b) and all(x == y or y == "{}" for x, y in zip(a, b, strict=True))


@pytest.fixture(scope="module")
def named() -> dict[str, set[str]]:
    return contract_paths(CONTRACT.read_text())


@pytest.fixture
def schema_paths(db) -> dict[str, dict]:
    response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()["paths"]


def test_the_contract_is_read_as_the_paths_it_names(named):
    # Guards the reader itself, so a change of wording cannot make the other tests vacuous.
    for path, method in [
        ("/api/v1/events", "post"),
        ("/api/v1/events/batch", "post"),
        ("/api/v1/events/{}", "get"),
        ("/api/v1/queues/{}/items/", "get"),
        ("/api/v1/items/{}/release", "post"),
        ("/api/v1/items/{}/reassign", "post"),
        ("/readyz", "get"),
        ("/metrics", "get"),
    ]:
        assert method in named.get(path, set()), (path, method, sorted(named))
    assert len(named) >= 20
    assert "/api/v1/items/{}/release" in named and "/api/release" not in named


def test_every_api_path_in_the_contract_is_in_the_openapi_schema(named, schema_paths):
    missing = []
    for path, methods in sorted(named.items()):
        if not path.startswith("/api/v1/") or path in NOT_YET_BUILT_PATHS:
            continue
        routes = [p for p in schema_paths if _same_route(path, p)]
        offered = {m for route in routes for m in schema_paths[route]}
        if not routes or not methods <= offered:
            missing.append((path, sorted(methods), sorted(offered)))
    assert not missing, f"named in docs/CONTRACT.md but not in /api/schema/: {missing}"


def test_every_other_http_path_in_the_contract_is_served(named):
    # The operations endpoints and the login page are plain Django views, outside the API schema.
    for path in sorted(named):
        if path.startswith("/api/v1/") or path in WEBSOCKETS:
            continue
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f"docs/CONTRACT.md names {path}, which no URL serves")


def test_the_paths_not_built_yet_are_still_missing(named, schema_paths):
    assert NOT_YET_BUILT_PATHS <= set(named)
    built = sorted(p for p in NOT_YET_BUILT_PATHS if any(_same_route(p, s) for s in schema_paths))
    assert not built, f"now built: take {built} out of NOT_YET_BUILT_PATHS"


def test_every_management_command_in_the_contract_exists():
    named = set(re.findall(r"manage\.py (\w+)", CONTRACT.read_text()))
    assert {"create_source", "seed_demo", "replay_events", "simulate_emr"} <= named
    commands = set(get_commands())
    assert not (named - NOT_YET_BUILT_COMMANDS) - commands
    assert not NOT_YET_BUILT_COMMANDS & commands, "now built: take it out of NOT_YET_BUILT_COMMANDS"


def test_the_shipped_contract_is_the_one_the_readme_and_the_api_point_to(client):
    readme = (CONTRACT.parents[1] / "README.md").read_text()
    assert "docs/CONTRACT.md" in readme and "docs/OPERATIONS.md" in readme
    assert "../shared/" not in readme


def _dangling_refs(document: dict) -> set[str]:
    text = json.dumps(document)
    refs = set(re.findall(r'"#/components/schemas/([^"]+)"', text))
    return refs - set(document["components"]["schemas"])


@pytest.mark.django_db
def test_the_schema_is_whole_and_the_same_on_every_request():
    # drf-spectacular's enum hook used to edit the settings' components in place: from the second
    # request on, the document pointed at enum components it no longer contained.
    documents = [Client().get("/api/schema/?format=json").json() for _ in range(3)]
    assert all(_dangling_refs(d) == set() for d in documents), [sorted(_dangling_refs(d))[:5] for d in documents]
    assert documents[0] == documents[1] == documents[2]
    assert "SpecversionEnum" in documents[2]["components"]["schemas"]


def test_the_shipped_contract_is_the_binding_one_word_for_word_then_only_additions():
    # The project's binding contract lives beside the repository (../shared/CONTRACT.md) while it is
    # being built; docs/CONTRACT.md ships it word for word, followed only by sections of additions
    # (the contract changes only by adding optional fields).
    binding = CONTRACT.parents[2] / "shared" / "CONTRACT.md"
    if not binding.exists():
        pytest.skip("no ../shared/CONTRACT.md beside this checkout")
    shipped, bound = CONTRACT.read_text(), binding.read_text()
    assert shipped.startswith(bound)
    added = shipped[len(bound) :].strip()
    assert not added or re.match(r"## v\d+\.\d+ additions", added), added[:80]
