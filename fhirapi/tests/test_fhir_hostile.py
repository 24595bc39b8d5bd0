"""Hostile FHIR: seeded random mutations of the samples (wrong types, missing elements, NUL bytes,
lone surrogates, 70,000-character strings, out-of-range dates, references to nowhere), alone and in
batch / transaction Bundles. Every answer is FHIR JSON below 500; a refused single resource stores
nothing; a refused transaction stores nothing."""

from __future__ import annotations

import json
import random

import pytest
from rest_framework.test import APIClient

from fhirapi.tests.test_fhir_intake import _potassium, sample
from ingest.models import Event
from ingest.tests.factories import IntegrationSourceFactory
from queues.tests.factories import facility_for

pytestmark = pytest.mark.django_db

WEIRD = [
    None,
    0,
    -1,
    10**30,
    1.5e308,
    "",
    "\x00",
    "\ud800",
    "x" * 70_000,
    [],
    {},
    [1, 2],
    {"a": 1},
    True,
    "2026-13-45",
    "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00Z",
    "Patient/" + "z" * 300,
    "#nope",
    "urn:uuid:x",
]


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


def mutate(resource: dict, rng: random.Random) -> dict:
    out = json.loads(json.dumps(resource))
    paths = [p for p in _paths(out) if p]
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(paths)
        node = out
        try:
            for key in path[:-1]:
                node = node[key]
            if rng.random() < 0.3 and isinstance(node, dict):
                node.pop(path[-1], None)
            else:
                node[path[-1]] = rng.choice(WEIRD)
        except (KeyError, IndexError, TypeError):
            continue
    return out


@pytest.mark.parametrize("seed", range(6))
def test_mutated_resources_and_bundles_never_crash_or_half_write(seed):
    facility_for("north")
    source = IntegrationSourceFactory(facilities=["north"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {source.token}")
    bases = [
        sample(n) for n in ("Communication-example", "Appointment-example", "DiagnosticReport-102", "Task-example1")
    ]
    bases.append(_potassium())
    rng = random.Random(seed)
    seen: dict[int, int] = {}
    for _ in range(60):
        body: dict = mutate(rng.choice(bases), rng)
        bundle = rng.random() < 0.3
        if bundle:
            body = {
                "resourceType": "Bundle",
                "type": rng.choice(["batch", "transaction", "collection"]),
                "entry": [
                    {"fullUrl": f"urn:uuid:{j}", "resource": mutate(rng.choice(bases), rng)}
                    for j in range(rng.randint(0, 4))
                ],
            }
        before = Event.objects.count()
        response = client.generic("POST", "/api/v1/fhir", json.dumps(body), content_type="application/fhir+json")
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        assert response.status_code < 500, response.content[:500]
        assert response["Content-Type"].startswith("application/fhir+json")
        answer = response.json()
        assert answer["resourceType"] in ("OperationOutcome", "Bundle")
        refused_whole = response.status_code >= 400 or (
            bundle and body["type"] != "batch" and response.status_code != 200
        )
        if refused_whole:
            assert Event.objects.count() == before, "a refusal stored something"
        if response.status_code >= 400:
            assert any(i["severity"] == "error" for i in answer["issue"])
    assert seen.get(400, 0) > 0 and (seen.get(201, 0) + seen.get(200, 0)) > 0, seen  # both kinds were exercised
